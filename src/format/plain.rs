//! Plain text: prose throughout, split into blocks at blank lines. A part may start at any line
//! after a blank line. Suppression directives are lines of their own (`anglint-disable-next-line
//! лид`, optionally inside `<!-- -->`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Block, Format, Layout, is_blank};

/// Plain-text documents.
pub struct Plain;

impl Format for Plain {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn language_ids(&self) -> &'static [&'static str] {
        &["plaintext", "text", "txt"]
    }

    fn for_each_block(&self, text: &str, emit: &mut dyn FnMut(Block)) {
        text_blocks(text, emit);
    }

    fn layout(&self, text: &str) -> Option<Layout> {
        let mut starts = Vec::new();
        let mut offset = 0;
        let mut after_blank = false;
        for line in text.split_inclusive(['\n', '\r']) {
            // `\r\n` is split into `…\r` and `\n`: the `\n` ends the same line.
            if line == "\n" && text[..offset].ends_with('\r') {
                offset += 1;
                continue;
            }
            let content = line.trim_end_matches(['\n', '\r']);
            if is_blank(content) {
                after_blank = true;
            } else {
                if after_blank && offset > 0 {
                    starts.push(offset);
                }
                after_blank = false;
            }
            offset += line.len();
        }
        Some(Layout {
            starts,
            definitions: Default::default(),
        })
    }

    fn directives(&self, text: &str) -> Vec<(Range<usize>, Range<usize>)> {
        LINE.captures_iter(text)
            .map(|captures| {
                let whole = captures.get(0).expect("a match has a whole");
                let inner = captures.get(1).expect("the pattern has a group");
                let trimmed = whole.as_str().trim_end_matches(['\r', '\n']);
                (whole.start()..whole.start() + trimmed.len(), inner.range())
            })
            .collect()
    }

    fn silence_line(
        &self,
        text: &str,
        line: Range<usize>,
        _span: Range<usize>,
        _directive: &str,
        next_line: &str,
    ) -> (usize, String) {
        let line_text = &text[line.clone()];
        let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
        let after = &text[line.end..];
        let ending = if after.starts_with("\r\n") {
            "\r\n"
        } else if after.starts_with('\r') {
            "\r"
        } else {
            "\n"
        };
        (line.start, format!("{indent}{next_line}{ending}"))
    }
}

/// A directive on a line of its own, optionally inside an HTML comment.
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:<!--[ \t]*)?(anglint-[^\r\n]*?)(?:[ \t]*-->)?[ \t]*\r?$")
        .expect("the directive pattern is valid")
});

fn text_blocks(text: &str, emit: &mut dyn FnMut(Block)) {
    let mut start = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(begin) = start.take() {
                emit(Block::single(begin..end));
            }
        } else {
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(begin) = start {
        emit(Block::single(begin..end));
    }
}

#[cfg(test)]
mod tests {
    use crate::format::{FileKind, prose};

    #[test]
    fn plain_text_blocks_split_at_blank_lines() {
        let text = "первый\nабзац\n\r\n  \nвторой\r\n";
        assert_eq!(
            prose(text, FileKind::Text),
            vec![vec!["первый\nабзац"], vec!["второй"]]
        );
    }
}
