//! Prose ranges: which bytes of a document are text written for people.
//!
//! Markdown goes through pulldown-cmark's offset iterator: paragraphs, headings, list items, block
//! quotes, table cells, emphasis, link text, image alt text and footnotes are prose; code (fenced,
//! indented, inline), HTML (blocks, inline, comments), link destinations and titles, autolinks and
//! front matter are not. Ranges point into the original bytes. Plain text is prose throughout,
//! split into blocks at blank lines.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// How a document is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Markdown,
    Text,
}

impl FileKind {
    /// Markdown for `.md`, `.markdown` and their rarer spellings; plain text otherwise.
    pub fn from_path(path: &std::path::Path) -> Self {
        let markdown = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                ["md", "markdown", "mdown", "mkd", "mkdn"]
                    .iter()
                    .any(|known| extension.eq_ignore_ascii_case(known))
            });
        if markdown {
            FileKind::Markdown
        } else {
            FileKind::Text
        }
    }
}

/// A run of prose inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    /// Whether words of this segment can form a phrase with the words of the previous segment:
    /// true across soft line breaks and emphasis, false across inline code or HTML.
    pub joined: bool,
    /// Inline code: never linted, but its words are context for the words around
    /// («нужен scope `crm`»).
    pub code: bool,
}

/// A paragraph, heading, table cell or list item: the unit for sentences and language detection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub segments: Vec<Segment>,
}

/// The prose blocks of a document, in order.
pub fn blocks(text: &str, kind: FileKind) -> Vec<Block> {
    match kind {
        FileKind::Markdown => markdown_blocks(text),
        FileKind::Text => text_blocks(text),
    }
}

fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(begin) = start.take() {
                blocks.push(single(begin..end));
            }
        } else {
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(begin) = start {
        blocks.push(single(begin..end));
    }
    blocks
}

fn single(range: Range<usize>) -> Block {
    Block {
        segments: vec![Segment {
            range,
            joined: false,
            code: false,
        }],
    }
}

fn markdown_blocks(text: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST;
    let mut blocks = Vec::new();
    let mut current = Block::default();
    // Depth of constructs whose text is not prose: code blocks, front matter, autolinks.
    let mut hidden = 0usize;
    // Whether the next text segment continues a phrase of the previous one.
    let mut joined = false;
    // For each open link, whether it is an autolink (hidden).
    let mut links: Vec<bool> = Vec::new();
    let flush = |current: &mut Block, blocks: &mut Vec<Block>| {
        if !current.segments.is_empty() {
            blocks.push(std::mem::take(current));
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    flush(&mut current, &mut blocks);
                    hidden += 1;
                }
                Tag::Link { link_type, .. } => {
                    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if autolink {
                        hidden += 1;
                        joined = false;
                    }
                    links.push(autolink);
                }
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Image { .. } => {}
                _ => {
                    flush(&mut current, &mut blocks);
                    joined = false;
                }
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                    hidden = hidden.saturating_sub(1);
                    joined = false;
                }
                TagEnd::Link => {
                    if links.pop() == Some(true) {
                        hidden = hidden.saturating_sub(1);
                        joined = false;
                    }
                }
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Image => {}
                _ => {
                    flush(&mut current, &mut blocks);
                    joined = false;
                }
            },
            Event::Text(_) if hidden == 0 => {
                current.segments.push(Segment {
                    range,
                    joined,
                    code: false,
                });
                joined = true;
            }
            Event::Code(_) if hidden == 0 => {
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
    flush(&mut current, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str, kind: FileKind) -> Vec<Vec<&str>> {
        blocks(text, kind)
            .iter()
            .map(|block| {
                block
                    .segments
                    .iter()
                    .filter(|segment| !segment.code)
                    .map(|segment| &text[segment.range.clone()])
                    .collect()
            })
            .collect()
    }

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
    fn plain_text_blocks_split_at_blank_lines() {
        let text = "первый\nабзац\n\r\n  \nвторой\r\n";
        assert_eq!(
            prose(text, FileKind::Text),
            vec![vec!["первый\nабзац"], vec!["второй"]]
        );
    }
}
