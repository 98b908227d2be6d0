//! Inline suppressions, as in Vale and markdownlint: HTML comments in markdown, the same text on
//! a line of its own in plain text.
//!
//! - `<!-- anglint-disable -->` … `<!-- anglint-enable -->`: a region (to the end of the file
//!   when it is not closed);
//! - `<!-- anglint-disable-next-line -->`: the next line that is not blank;
//! - `<!-- anglint-disable-line -->`: the line of the comment.
//!
//! Each may name terms (any form) or rules: `<!-- anglint-disable-next-line лид, AL003 -->`.
//! A directive that suppresses nothing is reported, like ruff's RUF100.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser};
use regex::Regex;

use crate::lines::LineIndex;
use crate::prose::FileKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Disable => "anglint-disable",
            Kind::Enable => "anglint-enable",
            Kind::DisableNextLine => "anglint-disable-next-line",
            Kind::DisableLine => "anglint-disable-line",
        }
    }
}

/// One directive in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// Terms (any form) or rules (codes or names); empty is everything.
    pub names: Vec<String>,
    /// Bytes of the comment (or line) in the document.
    pub span: Range<usize>,
    /// 1-based lines the directive covers, half-open.
    pub lines: Range<usize>,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*anglint-(disable-next-line|disable-line|disable|enable)\b(.*?)-->")
        .expect("the directive pattern is valid")
});

static TEXT_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:<!--[ \t]*)?anglint-(disable-next-line|disable-line|disable|enable)\b([^\r\n]*?)(?:[ \t]*-->)?[ \t]*\r?$")
        .expect("the directive pattern is valid")
});

/// The directives of a document, in order, with the lines each covers.
pub fn directives(text: &str, kind: FileKind) -> Vec<Directive> {
    if !text.contains("anglint-") {
        return Vec::new();
    }
    let mut found: Vec<(Kind, Vec<String>, Range<usize>)> = Vec::new();
    let mut push = |name: &str, rest: &str, span: Range<usize>| {
        let kind = match name {
            "disable" => Kind::Disable,
            "enable" => Kind::Enable,
            "disable-next-line" => Kind::DisableNextLine,
            _ => Kind::DisableLine,
        };
        let names = rest
            .split(',')
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
        found.push((kind, names, span));
    };
    match kind {
        FileKind::Markdown => {
            let options = Options::ENABLE_TABLES
                | Options::ENABLE_FOOTNOTES
                | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
                | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
            for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
                if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                    let html = &text[range.clone()];
                    for captures in DIRECTIVE.captures_iter(html) {
                        let whole = captures.get(0).expect("a match has a whole");
                        push(
                            &captures[1],
                            &captures[2],
                            range.start + whole.start()..range.start + whole.end(),
                        );
                    }
                }
            }
        }
        FileKind::Text => {
            for captures in TEXT_DIRECTIVE.captures_iter(text) {
                let whole = captures.get(0).expect("a match has a whole");
                let trimmed = whole.as_str().trim_end_matches(['\r', '\n']);
                push(
                    &captures[1],
                    &captures[2],
                    whole.start()..whole.start() + trimmed.len(),
                );
            }
        }
    }
    let index = LineIndex::new(text);
    let line_of = |offset: usize| index.line_of(offset);
    let last_line = index.line_count() + 1;
    let blank = |line: usize| text[index.line_range(text, line)].trim().is_empty();
    let mut directives = Vec::new();
    for (position, (kind, names, span)) in found.iter().enumerate() {
        let line = line_of(span.start);
        let end_line = line_of(span.end);
        let lines = match kind {
            Kind::DisableLine => line..end_line + 1,
            Kind::DisableNextLine => {
                let mut next = end_line + 1;
                while next < last_line && blank(next) {
                    next += 1;
                }
                next..next + 1
            }
            Kind::Disable => {
                // To the first later `enable` with no names or with the same names.
                let close = found[position + 1..]
                    .iter()
                    .find(|(other, other_names, _)| {
                        *other == Kind::Enable && (other_names.is_empty() || other_names == names)
                    })
                    .map_or(last_line, |(_, _, span)| line_of(span.start));
                line..close
            }
            Kind::Enable => line..line,
        };
        directives.push(Directive {
            kind: *kind,
            names: names.clone(),
            span: span.clone(),
            lines,
        });
    }
    directives
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_directives_and_their_lines() {
        let text = "<!-- anglint-disable-next-line лид, AL003 -->\n\nЛиды.\n\nФича. <!-- anglint-disable-line -->\n\n<!-- anglint-disable -->\nа\nб\n<!-- anglint-enable -->\n\n```\n<!-- anglint-disable -->\n```\n";
        let found = directives(text, FileKind::Markdown);
        let summary: Vec<(Kind, Vec<String>, Range<usize>)> = found
            .into_iter()
            .map(|d| (d.kind, d.names, d.lines))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    Kind::DisableNextLine,
                    vec!["лид".to_string(), "AL003".to_string()],
                    3..4
                ),
                (Kind::DisableLine, vec![], 5..6),
                (Kind::Disable, vec![], 7..10),
                (Kind::Enable, vec![], 10..10),
            ]
        );
    }

    #[test]
    fn text_directives_on_their_own_lines() {
        let text = "anglint-disable-next-line фича\r\nФича.\n<!-- anglint-disable -->\nа\n";
        let found = directives(text, FileKind::Text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].lines, 2..3);
        assert_eq!(
            &text[found[0].span.clone()],
            "anglint-disable-next-line фича"
        );
        assert_eq!(found[1].lines, 3..6);
    }
}
