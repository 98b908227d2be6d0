//! Inline suppressions, as in Vale and markdownlint: HTML comments in markdown, the same text on
//! a line of its own in plain text.
//!
//! - `<!-- anglint-disable -->` … `<!-- anglint-enable -->`: a region (to the end of the file
//!   when it is not closed);
//! - `<!-- anglint-disable-next-line -->`: the next line that is not blank;
//! - `<!-- anglint-disable-line -->`: the line of the comment.
//!
//! Each may name terms (any form) or rules: `<!-- anglint-disable-next-line лид, AL003 -->`.
//! A directive that suppresses nothing is reported, like ruff's RUF100. Where directives are
//! written in a document is the format's knowledge ([`crate::format::Format::directives`]); their
//! syntax and what they cover is this module's.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::format::FileKind;
use crate::lines::LineIndex;

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

/// A directive without its comment marks: `anglint-disable-line лид, AL003`.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^anglint-(disable-next-line|disable-line|disable|enable)\b(.*)$")
        .expect("the directive pattern is valid")
});

/// A directive as written inside a comment of any format: the kind and the names, comma-separated.
pub fn directive_text(kind: Kind, names: &[&str]) -> String {
    if names.is_empty() {
        kind.as_str().to_string()
    } else {
        format!("{} {}", kind.as_str(), names.join(", "))
    }
}

/// The directives of a document, in order, with the lines each covers.
pub fn directives(text: &str, kind: FileKind) -> Vec<Directive> {
    if !text.contains("anglint-") {
        return Vec::new();
    }
    let mut found: Vec<(Kind, Vec<String>, Range<usize>)> = Vec::new();
    for (span, inner) in kind.format().directives(text) {
        let Some(captures) = DIRECTIVE.captures(&text[inner]) else {
            continue;
        };
        let kind = match &captures[1] {
            "disable" => Kind::Disable,
            "enable" => Kind::Enable,
            "disable-next-line" => Kind::DisableNextLine,
            _ => Kind::DisableLine,
        };
        let names = captures[2]
            .split(',')
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
        found.push((kind, names, span));
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
