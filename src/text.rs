//! Character-level normalization shared by the dictionary and the matcher: matching ignores case,
//! treats «ё» as «е», ignores soft hyphens, zero-width characters and stress marks inside a word,
//! and reads the Unicode hyphens U+2010 and U+2011 as `-`.

/// What a character becomes in a normalized word.
pub enum Normal {
    /// Dropped: invisible inside a word.
    Skip,
    /// Replaced by one character.
    Char(char),
    /// Lower-cased into one or more characters.
    Lower(char),
}

/// Whether a character is invisible inside a word: soft hyphen, zero-width space, joiners, word
/// joiner, byte order mark, combining stress marks.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{0300}'
            | '\u{0301}'
    )
}

/// Whether a character joins two parts of one word: ASCII hyphen and the Unicode hyphens.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

pub fn classify(c: char) -> Normal {
    match c {
        _ if is_invisible(c) => Normal::Skip,
        '\u{2010}' | '\u{2011}' => Normal::Char('-'),
        'ё' | 'Ё' => Normal::Char('е'),
        '\u{2019}' | '\u{02BC}' => Normal::Char('\''),
        _ => Normal::Lower(c),
    }
}

/// Appends the normalized form of `word` to `out`.
pub fn push_normalized(word: &str, out: &mut String) {
    for c in word.chars() {
        match classify(c) {
            Normal::Skip => {}
            Normal::Char(c) => out.push(c),
            Normal::Lower(c) => out.extend(c.to_lowercase()),
        }
    }
}

/// The normalized form of one word.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_normalized(word, &mut out);
    out
}

/// Byte offset in `word` that corresponds to byte `offset` of its normalized form. As the start
/// of a span (`start`), invisible characters at that point are skipped; as the end, they are not
/// included. Offsets at or past the end give `word.len()`.
pub fn source_offset(word: &str, offset: usize, start: bool) -> usize {
    let mut produced = 0;
    let mut buffer = String::new();
    for (at, c) in word.char_indices() {
        buffer.clear();
        match classify(c) {
            Normal::Skip => {}
            Normal::Char(c) => buffer.push(c),
            Normal::Lower(c) => buffer.extend(c.to_lowercase()),
        }
        if produced >= offset && (!start || !buffer.is_empty()) {
            return at;
        }
        produced += buffer.len();
    }
    word.len()
}

/// Levenshtein distance in characters, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_yo_and_invisible_characters() {
        assert_eq!(normalize_word("ФИЧА"), "фича");
        assert_eq!(normalize_word("Ресёрч"), "ресерч");
        assert_eq!(normalize_word("фи\u{00AD}ча"), "фича");
        assert_eq!(normalize_word("фи\u{200B}ча"), "фича");
        assert_eq!(normalize_word("фи\u{0301}ча"), "фича");
        assert_eq!(normalize_word("фоллоу\u{2010}ап"), "фоллоу-ап");
        assert_eq!(normalize_word("KPI\u{2011}шки"), "kpi-шки");
    }

    #[test]
    fn maps_normalized_offsets_back() {
        let word = "K\u{00AD}PI-шки";
        assert_eq!(source_offset(word, 0, true), 0);
        // "p" comes after the soft hyphen (two bytes): a span starts there, and one that ends
        // before it does not take the soft hyphen.
        assert_eq!(source_offset(word, 1, true), 3);
        assert_eq!(source_offset(word, 1, false), 1);
        assert_eq!(source_offset(word, 3, false), 5);
        assert_eq!(source_offset(word, 100, false), word.len());
    }
}
