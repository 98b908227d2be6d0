//! Byte offsets to lines and columns. The core works with byte spans only; reporters turn them
//! into 1-based lines and columns counted in characters with one index per file.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Start offsets of the lines of a text. `\n`, `\r\n` and a lone `\r` end a line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset. A UTF-8 byte order mark at the
    /// start of the text is not counted as a column.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let mut start = self.starts[line];
        if line == 0 && text.starts_with('\u{feff}') && offset >= 3 {
            start = 3;
        }
        let column = text
            .get(start..offset)
            .map_or(offset - start, |slice| slice.chars().count());
        (line + 1, column + 1)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line - 1]
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        let line_text = &text[start..end];
        let trimmed = line_text.trim_end_matches(['\n', '\r']);
        start..start + trimmed.len()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Lines and columns of many offsets of one text, in any order, in time proportional to the
/// distance between consecutive offsets rather than to the length of their lines: a file that is
/// one 20 MB line with thousands of findings stays linear.
pub struct Cursor<'t> {
    index: &'t LineIndex,
    text: &'t str,
    /// The last answer: offset, line (1-based), column (1-based).
    last: Option<(usize, usize, usize)>,
}

impl<'t> Cursor<'t> {
    pub fn new(index: &'t LineIndex, text: &'t str) -> Self {
        Cursor {
            index,
            text,
            last: None,
        }
    }

    /// 1-based line and column (characters, a leading byte order mark not counted) of `offset`,
    /// which must be on a character boundary.
    pub fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset);
        let answer = match self.last {
            Some((last, last_line, column))
                if last_line == line
                    && self.text.is_char_boundary(offset)
                    && !(line == 1
                        && last.min(offset) < 3
                        && self.text.starts_with('\u{feff}')) =>
            {
                if offset >= last {
                    (line, column + self.text[last..offset].chars().count())
                } else {
                    (line, column - self.text[offset..last].chars().count())
                }
            }
            _ => self.index.line_column(self.text, offset),
        };
        self.last = Some((offset, answer.0, answer.1));
        answer
    }
}

/// Where a value came from: a file and a 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "первая\nвторая фича\n";
        let index = LineIndex::new(text);
        let offset = text.find("фича").unwrap();
        assert_eq!(index.line_column(text, offset), (2, 8));
        assert_eq!(index.line_column(text, 0), (1, 1));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "а\r\nб\rв";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_column(text, text.find('в').unwrap()), (3, 1));
        assert_eq!(index.line_range(text, 1), 0..2);
    }

    #[test]
    fn the_cursor_agrees_with_the_index_in_any_order() {
        let text = "\u{feff}фича и 🚀 релиз\r\nвторая строка\rтретья";
        let index = LineIndex::new(text);
        let mut cursor = Cursor::new(&index, text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&offset| text.is_char_boundary(offset))
            .collect();
        for &offset in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(
                cursor.line_column(offset),
                index.line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}фича";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 3), (1, 1));
    }
}
