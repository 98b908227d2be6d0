//! Byte offsets ↔ LSP positions. The core speaks half-open byte spans; the protocol speaks lines
//! and characters counted in the negotiated encoding (LSP 3.17 `positionEncoding`): UTF-8 code
//! units (bytes) when the client offers them, otherwise UTF-16 code units, where an emoji counts
//! as two. `\n`, `\r\n` and a lone `\r` end a line, as the protocol says (and as [`LineIndex`]).

use std::ops::Range;

use lsp_types::Position;

use crate::lines::LineIndex;

/// What a `character` of a position counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// Code units of `c` in this encoding.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }

    fn units(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// Positions of one text. Offsets asked in increasing order on one line cost the distance from
/// the previous one, so a long line with many findings stays linear.
pub struct Positions<'t> {
    text: &'t str,
    index: LineIndex,
    encoding: Encoding,
    /// The last answer: byte offset, 0-based line, character.
    last: Option<(usize, u32, u32)>,
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        Positions {
            text,
            index: LineIndex::new(text),
            encoding,
            last: None,
        }
    }

    /// The position of a byte offset (clamped to the text, rounded down to a character).
    pub fn position(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let line0 = (line - 1) as u32;
        let character = match self.last {
            Some((last, last_line, character)) if last_line == line0 && last <= offset => {
                character + self.encoding.units(&self.text[last..offset]) as u32
            }
            _ => {
                let start = self.index.line_start(line);
                self.encoding.units(&self.text[start..offset]) as u32
            }
        };
        self.last = Some((offset, line0, character));
        Position::new(line0, character)
    }

    pub fn range(&mut self, span: Range<usize>) -> lsp_types::Range {
        let start = self.position(span.start);
        let end = self.position(span.end);
        lsp_types::Range::new(start, end)
    }

    /// The byte offset of a position. A line past the end is the end of the text; a character
    /// past the end of its line is the end of the line (before its line ending), as the protocol
    /// says; a character inside a multi-unit character is that character's start.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize + 1;
        if line > self.index.line_count() {
            return self.text.len();
        }
        let range = self.index.line_range(self.text, line);
        let mut units = 0;
        for (at, c) in self.text[range.clone()].char_indices() {
            let width = self.encoding.width(c);
            if units + width > position.character as usize {
                return range.start + at;
            }
            units += width;
        }
        range.end
    }

    /// The byte span of a range (start and end in order).
    pub fn span(&self, range: lsp_types::Range) -> Range<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        start.min(end)..start.max(end)
    }

    /// The position just past the last character.
    pub fn end(&mut self) -> Position {
        self.position(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, encoding: Encoding, needle: &str) -> (u32, u32) {
        let offset = text.find(needle).unwrap();
        let position = Positions::new(text, encoding).position(offset);
        (position.line, position.character)
    }

    #[test]
    fn cyrillic_and_emoji_columns_in_both_encodings() {
        // «🚀» is one character, two UTF-16 units and four bytes; Cyrillic letters are one UTF-16
        // unit and two bytes.
        let text = "заголовок\n🚀 новая фича";
        assert_eq!(at(text, Encoding::Utf16, "фича"), (1, 9));
        assert_eq!(at(text, Encoding::Utf8, "фича"), (1, 16));
        assert_eq!(at(text, Encoding::Utf16, "новая"), (1, 3));
        assert_eq!(at(text, Encoding::Utf8, "новая"), (1, 5));
    }

    #[test]
    fn offsets_round_trip_on_every_character() {
        let text = "\u{feff}фича 🚀 и релиз\r\nвторая\rтретья 👩‍💻 лид\n\nконец";
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let mut positions = Positions::new(text, encoding);
            for offset in (0..=text.len()).filter(|&offset| text.is_char_boundary(offset)) {
                // Offsets inside a line ending have no position of their own.
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue;
                }
                let position = positions.position(offset);
                assert_eq!(positions.offset(position), offset, "{encoding:?} {offset}");
            }
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "а\r\nб\rв🚀г\nд";
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let mut positions = Positions::new(text, encoding);
            let g = text.find('г').unwrap();
            let expected = match encoding {
                Encoding::Utf8 => 6,
                Encoding::Utf16 => 3,
            };
            assert_eq!(positions.position(g), Position::new(2, expected));
            assert_eq!(
                positions.position(text.find('б').unwrap()),
                Position::new(1, 0)
            );
            assert_eq!(
                positions.position(text.find('д').unwrap()),
                Position::new(3, 0)
            );
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "фича\r\nлид";
        let positions = Positions::new(text, Encoding::Utf16);
        // Past the end of the line: before its line ending.
        assert_eq!(positions.offset(Position::new(0, 100)), "фича".len());
        assert_eq!(positions.offset(Position::new(9, 0)), text.len());
        // Inside a surrogate pair: the emoji's start.
        let text = "🚀x";
        let positions = Positions::new(text, Encoding::Utf16);
        assert_eq!(positions.offset(Position::new(0, 1)), 0);
        assert_eq!(positions.offset(Position::new(0, 2)), 4);
    }

    #[test]
    fn decreasing_offsets_on_a_line_are_right_too() {
        let text = "один 🚀 два 🚀 три";
        let mut positions = Positions::new(text, Encoding::Utf16);
        let three = positions.position(text.find("три").unwrap());
        let two = positions.position(text.find("два").unwrap());
        assert_eq!((three.character, two.character), (15, 8));
    }
}
