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

/// A word of a replacement without the punctuation after it.
pub fn bare(word: &str) -> &str {
    word.trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// `replacement` written with the casing of `original`: «Фича» → «Функция», «ФИЧА» → «ФУНКЦИЯ».
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.len() > 1 && letters.iter().all(|c| !c.is_lowercase());
    if upper {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        return capitalized(replacement);
    }
    replacement.to_string()
}

/// `text` with its first letter in upper case.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Russian plural: `plural(5, ["файл", "файла", "файлов"])` is «файлов».
pub fn plural(n: usize, forms: [&'static str; 3]) -> &'static str {
    let (last, tens) = (n % 10, n % 100);
    if last == 1 && tens != 11 {
        forms[0]
    } else if (2..=4).contains(&last) && !(12..=14).contains(&tens) {
        forms[1]
    } else {
        forms[2]
    }
}

/// The Latin abbreviation a word in capitals spells with Cyrillic look-alike letters, lower-cased:
/// «СТО» → `cto`, «СРО» → `cpo`. `None` for a word with another letter, without a Cyrillic one,
/// or shorter than two or longer than five letters.
pub fn latin_lookalike(word: &str) -> Option<String> {
    let mut latin = String::with_capacity(word.len());
    let mut cyrillic = false;
    for c in word.chars() {
        let mapped = match c {
            'А' => 'a',
            'В' => 'b',
            'Е' => 'e',
            'К' => 'k',
            'М' => 'm',
            'Н' => 'h',
            'О' => 'o',
            'Р' => 'p',
            'С' => 'c',
            'Т' => 't',
            'Х' => 'x',
            'У' => 'y',
            'A'..='Z' => {
                latin.push(c.to_ascii_lowercase());
                continue;
            }
            _ => return None,
        };
        cyrillic = true;
        latin.push(mapped);
    }
    (cyrillic && (2..=5).contains(&latin.len())).then_some(latin)
}

pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// Normalizes a word or phrase of a dictionary the way text is normalized for matching:
/// lower case, «ё» as «е», invisible characters dropped, words separated by single spaces.
pub fn normalize_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(normalize_word)
        .collect::<Vec<_>>()
        .join(" ")
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

    #[test]
    fn reads_cyrillic_look_alikes_of_latin_abbreviations() {
        assert_eq!(latin_lookalike("СТО").as_deref(), Some("cto"));
        assert_eq!(latin_lookalike("СРО").as_deref(), Some("cpo"));
        // Mixed: a Latin C and a Cyrillic Р, О.
        assert_eq!(latin_lookalike("CРО").as_deref(), Some("cpo"));
        // All Latin is not a look-alike; a letter without a Latin twin, lower case and length
        // end it.
        assert_eq!(latin_lookalike("CTO"), None);
        assert_eq!(latin_lookalike("ЛПР"), None);
        assert_eq!(latin_lookalike("сто"), None);
        assert_eq!(latin_lookalike("Т"), None);
        assert_eq!(latin_lookalike("КОРОТКО"), None);
    }

    #[test]
    fn russian_plurals() {
        let forms = ["файл", "файла", "файлов"];
        let got: Vec<&str> = [1, 2, 5, 11, 12, 21, 22, 25, 101, 111]
            .iter()
            .map(|&n| plural(n, forms))
            .collect();
        assert_eq!(
            got,
            vec![
                "файл",
                "файла",
                "файлов",
                "файлов",
                "файлов",
                "файл",
                "файла",
                "файлов",
                "файл",
                "файлов"
            ]
        );
    }
}
