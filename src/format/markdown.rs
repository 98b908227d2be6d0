//! Markdown (CommonMark with GitHub's extensions, footnotes, front matter, definition lists).
//!
//! Prose: pulldown-cmark's offset iterator; paragraphs, headings, list items, block quotes, table
//! cells, emphasis, link text, image alt text and footnotes are prose; code (fenced, indented,
//! inline), HTML (blocks, inline, comments), link destinations and titles, autolinks and front
//! matter are not. Ranges point into the original bytes. The text of a link to another site is
//! noted in its block ([`Block::external_links`]): it may be the title of someone else's article.
//!
//! pulldown-cmark keeps a tree of the whole document while it is iterated, several times the size
//! of the text. A large document is parsed in pieces of about [`PIECE`] bytes, cut by the one
//! cutting rule ([`starts_standalone_block`] after a blank line) outside fenced code, front matter
//! and multi-line HTML. The blocks are the same as from the whole document; only a link or
//! footnote reference whose definition is in another piece stays literal text (its label becomes
//! prose). The language server's chunks ([`Format::layout`]) follow the same rule, checked on
//! parsed top-level blocks, with the definitions each chunk may need.
//!
//! Suppression directives are HTML comments: `<!-- anglint-disable-line лид -->`.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::{
    Block, Format, Layout, Segment, follows_blank_line, label_key, starts_standalone_block,
};

/// Markdown documents.
pub struct Markdown;

impl Format for Markdown {
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown", "mdown", "mkd", "mkdn", "mdx"]
    }

    fn language_ids(&self) -> &'static [&'static str] {
        &["markdown", "md", "mdx", "gfm"]
    }

    fn for_each_block(&self, text: &str, emit: &mut dyn FnMut(Block)) {
        for piece in pieces(text, PIECE) {
            markdown_blocks(text, piece, emit);
        }
    }

    fn layout(&self, text: &str) -> Option<Layout> {
        let mut layout = Layout::default();
        let mut depth = 0usize;
        let mut events = Parser::new_ext(text, options()).into_offset_iter();
        for (event, range) in events.by_ref() {
            let top = depth == 0;
            if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
                // A footnote defined inside a block: the document is linted whole.
                if !top {
                    return None;
                }
                layout
                    .definitions
                    .entry(format!("^{}", label_key(label)))
                    .or_insert(range.clone());
            }
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            if top
                && follows_blank_line(text, range.start)
                && starts_standalone_block(&text[range.start..])
            {
                layout.starts.push(range.start);
            }
        }
        for (label, definition) in events.reference_definitions().iter() {
            layout
                .definitions
                .entry(label_key(label))
                .or_insert(definition.span.clone());
        }
        Some(layout)
    }

    fn directives(&self, text: &str) -> Vec<(Range<usize>, Range<usize>)> {
        let mut found = Vec::new();
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                let html = &text[range.clone()];
                for captures in COMMENT.captures_iter(html) {
                    let whole = captures.get(0).expect("a match has a whole");
                    let inner = captures.get(1).expect("the pattern has a group");
                    found.push((
                        range.start + whole.start()..range.start + whole.end(),
                        range.start + inner.start()..range.start + inner.end(),
                    ));
                }
            }
        }
        found
    }

    fn silence_line(
        &self,
        text: &str,
        line: Range<usize>,
        span: Range<usize>,
        directive: &str,
        _next_line: &str,
    ) -> (usize, String) {
        // In a table row text after the last `|` would be a cell of its own, dropped when the
        // header has fewer: the comment goes right after the word, inside its cell.
        let at = if text[line.clone()].trim_start().starts_with('|') {
            span.end
        } else {
            line.end
        };
        (at, format!(" <!-- {directive} -->"))
    }
}

/// A directive comment on one line: `<!-- anglint-… -->`.
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*(anglint-.*?)-->").expect("the comment pattern is valid"));

/// The size from which a markdown document is parsed in pieces.
pub const PIECE: usize = 1 << 20;

/// Cuts markdown into pieces of at least `size` bytes (the last may be shorter) where no block
/// continues across the cut.
fn pieces(text: &str, size: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut blank_before = false;
    // The closing line of the front matter.
    let mut front_matter: Option<&str> = match text.lines().next().map(str::trim_end) {
        Some("---") => Some("---"),
        Some("+++") => Some("+++"),
        _ => None,
    };
    // The fence character and length of an open fenced code block.
    let mut fence: Option<(char, usize)> = None;
    // What ends an open multi-line HTML construct.
    let mut html: Option<&str> = None;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        let outside = front_matter.is_none() && fence.is_none() && html.is_none();
        if outside && blank_before && offset - start >= size && starts_standalone_block(content) {
            pieces.push(start..offset);
            start = offset;
        }
        if number > 0
            && let Some(closing) = front_matter
        {
            let trimmed = content.trim_end();
            if trimmed == closing || (closing == "---" && trimmed == "...") {
                front_matter = None;
            }
        } else if front_matter.is_none() {
            // Any indentation and quoting: a fence in a list item or a block quote counts too.
            let inner = content.trim_start_matches([' ', '\t', '>']);
            match fence {
                Some((mark, length)) => {
                    let run = inner.chars().take_while(|&c| c == mark).count();
                    if run >= length && inner[run * mark.len_utf8()..].trim().is_empty() {
                        fence = None;
                    }
                }
                None if html.is_none() => fence = opening_fence(inner),
                None => {}
            }
            if fence.is_none() {
                html = html_after(content, html);
            }
        }
        blank_before = blank;
        offset += line.len();
    }
    pieces.push(start..text.len());
    pieces
}

/// The fence character and length when `line` (without indentation) opens a fenced code block.
fn opening_fence(line: &str) -> Option<(char, usize)> {
    let mark = line.chars().next().filter(|&c| c == '`' || c == '~')?;
    let length = line.chars().take_while(|&c| c == mark).count();
    // A backtick fence's info string has no backticks («```code``` text» is inline code).
    let info = &line[length..];
    (length >= 3 && !(mark == '`' && info.contains('`'))).then_some((mark, length))
}

/// What ends a multi-line HTML construct open after `line`, given the one open before it: a
/// comment, a processing instruction, CDATA, or a `script`, `pre`, `style` or `textarea` element.
fn html_after(line: &str, open: Option<&'static str>) -> Option<&'static str> {
    const CONSTRUCTS: [(&str, &str); 7] = [
        ("<!--", "-->"),
        ("<?", "?>"),
        ("<![cdata[", "]]>"),
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ];
    // Every opening has a «<», every closing a «>».
    if !line.contains(['<', '>']) {
        return open;
    }
    let lower = line.to_lowercase();
    let mut rest = lower.as_str();
    let mut open = open;
    loop {
        match open {
            Some(closing) => match rest.find(closing) {
                Some(at) => {
                    rest = &rest[at + closing.len()..];
                    open = None;
                }
                None => return Some(closing),
            },
            None => {
                let first = CONSTRUCTS
                    .iter()
                    .filter_map(|(opening, closing)| {
                        rest.find(opening).map(|at| (at, opening.len(), *closing))
                    })
                    .min_by_key(|(at, _, _)| *at);
                match first {
                    Some((at, length, closing)) => {
                        rest = &rest[at + length..];
                        open = Some(closing);
                    }
                    None => return None,
                }
            }
        }
    }
}

/// The markdown extensions anglint reads: GitHub's, footnotes, front matter, definition lists.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// The blocks of `piece` of a markdown document, parsed on its own; ranges in the document.
fn markdown_blocks(text: &str, piece: Range<usize>, emit: &mut dyn FnMut(Block)) {
    let options = options();
    let mut current = Block::default();
    // Depth of constructs whose text is not prose: code blocks, front matter, autolinks.
    let mut hidden = 0usize;
    // Whether the next text segment continues a phrase of the previous one.
    let mut joined = false;
    // Each open link.
    let mut links: Vec<OpenLink> = Vec::new();
    // Depth of block quotes.
    let mut quoted = 0usize;
    let mut flush = |current: &mut Block| {
        if !current.segments.is_empty() {
            emit(std::mem::take(current));
        }
    };
    let offset = piece.start;
    for (event, range) in Parser::new_ext(&text[piece], options).into_offset_iter() {
        let range = range.start + offset..range.end + offset;
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    flush(&mut current);
                    hidden += 1;
                }
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } => {
                    let link = if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                        hidden += 1;
                        joined = false;
                        OpenLink::Autolink
                    } else if is_external(&dest_url) {
                        OpenLink::External(None)
                    } else {
                        OpenLink::Internal(None)
                    };
                    links.push(link);
                }
                Tag::BlockQuote(_) => {
                    flush(&mut current);
                    joined = false;
                    quoted += 1;
                }
                Tag::Strong => {
                    if hidden == 0 {
                        current.strong.push(range.clone());
                    }
                }
                Tag::Emphasis
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Image { .. } => {}
                _ => {
                    flush(&mut current);
                    joined = false;
                }
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                    hidden = hidden.saturating_sub(1);
                    joined = false;
                }
                TagEnd::Link => match links.pop() {
                    Some(OpenLink::Autolink) => {
                        hidden = hidden.saturating_sub(1);
                        joined = false;
                    }
                    Some(OpenLink::External(Some(text))) => current.external_links.push(text),
                    Some(OpenLink::Internal(Some(text))) => current.internal_links.push(text),
                    _ => {}
                },
                TagEnd::BlockQuote(_) => {
                    flush(&mut current);
                    joined = false;
                    quoted = quoted.saturating_sub(1);
                }
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Image => {}
                _ => {
                    flush(&mut current);
                    joined = false;
                }
            },
            Event::Text(_) if hidden == 0 => {
                widen(&mut links, &range);
                current.quote |= quoted > 0;
                current.segments.push(Segment {
                    range,
                    joined,
                    code: false,
                });
                joined = true;
            }
            Event::Code(_) if hidden == 0 => {
                widen(&mut links, &range);
                current.segments.push(Segment {
                    range,
                    joined: false,
                    code: true,
                });
                joined = false;
            }
            Event::SoftBreak | Event::HardBreak => {}
            Event::TaskListMarker(_) => {}
            _ => joined = false,
        }
    }
    flush(&mut current);
}

/// A link being read.
#[derive(Clone, Debug, PartialEq, Eq)]
enum OpenLink {
    /// `<https://…>`: not prose.
    Autolink,
    /// To another site, with the prose read inside it so far.
    External(Option<Range<usize>>),
    /// To a heading, a file or a page of the same site, with the prose read inside it so far.
    Internal(Option<Range<usize>>),
}

/// Adds prose at `range` to the text of the innermost link.
fn widen(links: &mut [OpenLink], range: &Range<usize>) {
    if let Some(OpenLink::External(text) | OpenLink::Internal(text)) = links.last_mut() {
        *text = Some(match text.take() {
            Some(text) => text.start..range.end,
            None => range.clone(),
        });
    }
}

/// Whether a link destination is on another site: a URL with a scheme (`https://…`, `ftp://…`)
/// or without one (`//host/…`). An anchor, a path and a `mailto:` address are not.
fn is_external(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    destination.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{FileKind, blocks, prose};

    #[test]
    fn markdown_code_html_and_links_are_not_prose() {
        let text = "# Фича\n\nТекст `feature_flag` и [ссылка](https://x.ru/feature \"title\") \
                    <span>фича</span> <https://e.com/roadmap>.\n\n```\nfeature code\n```\n\n    indented code\n\n<!-- фича -->\n";
        let prose = prose(text, FileKind::Markdown);
        let all: String = prose.concat().concat();
        assert!(all.contains("Фича"));
        assert!(all.contains("ссылка"));
        for hidden in [
            "feature_flag",
            "https",
            "title",
            "span",
            "roadmap",
            "code",
            "<!--",
        ] {
            assert!(
                !all.contains(hidden),
                "{hidden} leaked into prose: {prose:?}"
            );
        }
    }

    #[test]
    fn front_matter_is_not_prose() {
        let text = "---\ntags: [фича]\n---\n\nТекст\n";
        assert_eq!(prose(text, FileKind::Markdown), vec![vec!["Текст"]]);
        let text = "+++\ntags = [\"фича\"]\n+++\n\nТекст\n";
        assert_eq!(prose(text, FileKind::Markdown), vec![vec!["Текст"]]);
    }

    #[test]
    fn tables_alt_text_and_footnotes_are_prose() {
        let text = "| а | б |\n|---|---|\n| фича | релиз |\n\n![алт фича](img.png)\n\nТекст[^1]\n\n[^1]: сноска\n";
        let all: String = prose(text, FileKind::Markdown).concat().concat();
        for word in ["фича", "релиз", "алт", "сноска"] {
            assert!(all.contains(word), "{word}");
        }
        assert!(!all.contains("img"));
    }

    #[test]
    fn soft_breaks_join_segments_and_inline_code_does_not() {
        let text = "call to\naction и `x` дальше\n";
        let blocks = blocks(text, FileKind::Markdown);
        let joined: Vec<(bool, bool)> = blocks[0]
            .segments
            .iter()
            .map(|s| (s.joined, s.code))
            .collect();
        assert_eq!(
            joined,
            vec![(false, false), (true, false), (false, true), (false, false)]
        );
    }

    #[test]
    fn text_of_links_to_other_sites_is_noted() {
        let text = "- [Гайд по **бэклогу**](https://habr.com/x \"t\") и [оглавление](#toc), \
                    [файл](../a.md), [сайт][1], <https://e.com>, [почта](mailto:a@b.ru)\n\n\
                    [1]: //example.com/y\n";
        let blocks = blocks(text, FileKind::Markdown);
        let links: Vec<&str> = blocks[0]
            .external_links
            .iter()
            .map(|range| &text[range.clone()])
            .collect();
        assert_eq!(links, vec!["Гайд по **бэклогу", "сайт"]);
        assert!(is_external("ftp://x.ru") && is_external("HTTPS://x.ru"));
        assert!(!is_external("#a") && !is_external("docs/a.md") && !is_external("/a://b"));
    }

    fn whole_and_in_pieces(text: &str, size: usize) -> (Vec<Block>, Vec<Block>, usize) {
        let mut whole = Vec::new();
        markdown_blocks(text, 0..text.len(), &mut |block| whole.push(block));
        let pieces = pieces(text, size);
        let mut at = 0;
        for piece in &pieces {
            assert_eq!(piece.start, at, "pieces cover the text in order");
            at = piece.end;
        }
        assert_eq!(at, text.len());
        let mut parts = Vec::new();
        for piece in pieces.iter().cloned() {
            markdown_blocks(text, piece, &mut |block| parts.push(block));
        }
        (whole, parts, pieces.len())
    }

    const HARD: &str = "---\ntitle: фича\n\nещё: релиз\n---\n\n# Заголовок\n\nАбзац про фичу\nи релиз.\n\n\
        ```text\nкод\n\nфича в коде\n\n```\n\nПосле кода.\n\n~~~~\n~~~\n\nвсё ещё код\n~~~~\n\n\
        <!-- комментарий\n\nфича в комментарии\n-->\n\nТекст <pre>\n\nпре\n</pre>\n\n\
        - пункт\n\n  продолжение пункта\n\n- второй\n\n> цитата\n\n> вторая\n\n\
        | а | б |\n|---|---|\n| фича | релиз |\n\nТермин\n\n: определение\n\n\
        Заголовок\n=========\n\n---\n\n    отступ\n\n    код\n\n1. раз\n\n2. два\n\n\
        Текст с `<!--` в коде\n\nИ конец -->.\n\nПоследний абзац\r\n\r\nCRLF-абзац\r\n";

    #[test]
    fn markdown_in_pieces_has_the_blocks_of_the_whole() {
        let (whole, parts, count) = whole_and_in_pieces(HARD, 1);
        assert!(count > 10, "{count} pieces");
        assert_eq!(parts, whole);
        // Not product-spec.md: its footnote is defined in another piece (see the module's note).
        for fixture in [
            include_str!("../../fixtures/release-notes.md"),
            include_str!("../../fixtures/sales-memo.md"),
            include_str!("../../fixtures/mixed-edge-cases.md"),
            include_str!("../../fixtures/plain-russian.md"),
        ] {
            for size in [1, 100, 1000] {
                let (whole, parts, _) = whole_and_in_pieces(fixture, size);
                assert_eq!(parts, whole);
            }
        }
    }

    #[test]
    fn no_cut_inside_code_html_or_front_matter() {
        let cuts: Vec<usize> = pieces(HARD, 1).iter().map(|piece| piece.start).collect();
        for inside in [
            "ещё: релиз",
            "фича в коде",
            "всё ещё код",
            "фича в комментарии",
            "пре\n",
            "И конец",
        ] {
            let at = HARD.find(inside).unwrap();
            let line_start = HARD[..at].rfind('\n').map_or(0, |newline| newline + 1);
            assert!(!cuts.contains(&line_start), "cut before «{inside}»");
        }
        assert!(cuts.contains(&HARD.find("После кода").unwrap()));
        // An unclosed fence: the rest is code, never cut.
        let open = "Текст\n\n```\nкод\n\nещё\n\nи ещё\n";
        assert_eq!(pieces(open, 1).len(), 1);
    }
}
