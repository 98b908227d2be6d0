//! Spellings people write that no entry lists: transliteration variants of a lemma («роадмеп»
//! for «роадмап», «стекхолдер» for «стейкхолдер», «оунер» for «овнер», «бек» for «бэк»).
//!
//! Each rule changes one place of a written spelling, so a variant is one step from what the
//! dictionary's authors wrote. What comes out is only a candidate: the compiler drops candidates
//! that are words of the morphology dictionary or spellings of other entries, and the forms of the
//! rest that are forms of other words (see [`crate::morph::Morphology::table`]).

use crate::text::is_cyrillic;

const VOWELS: &str = "аеёиоуыэюя";

fn is_vowel(c: char) -> bool {
    VOWELS.contains(c)
}

fn is_consonant(c: char) -> bool {
    is_cyrillic(c) && !is_vowel(c) && !matches!(c, 'ь' | 'ъ' | 'й')
}

/// Transliteration variants of a normalized spelling, one change each, without the spelling
/// itself; sorted, no repeats.
pub fn spelling_variants(spelling: &str) -> Vec<String> {
    let chars: Vec<char> = spelling.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|&c| is_cyrillic(c) || c == '-') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut push = |candidate: Vec<char>| {
        let candidate: String = candidate.into_iter().collect();
        if candidate != spelling {
            out.push(candidate);
        }
    };
    let replaced = |at: usize, len: usize, with: &str| -> Vec<char> {
        let mut candidate: Vec<char> = chars[..at].to_vec();
        candidate.extend(with.chars());
        candidate.extend_from_slice(&chars[at + len..]);
        candidate
    };
    for at in 0..chars.len() {
        let c = chars[at];
        // The first letter stays: only the rules for «оу»/«ов» apply there («овнер»).
        let before = if at == 0 { ' ' } else { chars[at - 1] };
        let next = chars.get(at + 1).copied();
        // э written as е after a consonant: «бэклог» / «беклог», «фидбэк» / «фидбек».
        if is_consonant(before) && c == 'э' {
            push(replaced(at, 1, "е"));
        }
        // «ей» read as [e]: «стейкхолдер» / «стекхолдер».
        if c == 'е' && next == Some('й') && chars.get(at + 2).is_some_and(|&c| is_consonant(c)) {
            push(replaced(at, 2, "е"));
        }
        // English «ow»: «овнер» / «оунер», «воркфлоу» / «воркфлов».
        if c == 'о' && next == Some('у') {
            push(replaced(at, 2, "ов"));
        }
        if c == 'о'
            && next == Some('в')
            && chars
                .get(at + 2)
                .is_none_or(|&c| is_consonant(c) || c == '-')
        {
            push(replaced(at, 2, "оу"));
        }
        // A doubled consonant written once: «коммит» / «комит», «аппрув» / «апрув».
        if is_consonant(c) && c == before {
            push(replaced(at, 1, ""));
        }
        // English [æ] in the last closed syllable: «роадмап» / «роадмеп».
        if c == 'а' && is_consonant(before) {
            let tail = &chars[at + 1..];
            let closed = !tail.is_empty()
                && tail.len() <= 2
                && tail.iter().all(|&c| is_consonant(c))
                && !chars[..at].contains(&'-');
            if closed {
                push(replaced(at, 1, "е"));
            }
        }
        // The first part of a compound ends in а or е alike: «фича-флаг» / «фиче-флаг».
        if next == Some('-') {
            match c {
                'а' => push(replaced(at, 1, "е")),
                'е' => push(replaced(at, 1, "а")),
                _ => {}
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(spelling: &str, variant: &str) -> bool {
        spelling_variants(spelling)
            .iter()
            .any(|found| found == variant)
    }

    #[test]
    fn transliteration_variants_are_one_change_away() {
        assert!(has("роадмап", "роадмеп"));
        assert!(has("стейкхолдер", "стекхолдер"));
        assert!(has("овнер", "оунер"));
        assert!(has("бэкенд", "бекенд"));
        assert!(has("фидбэк", "фидбек"));
        assert!(has("коммит", "комит"));
        assert!(has("фича-флаг", "фиче-флаг"));
        // No change at the first letter, and nothing for short words.
        assert!(!has("эджайл", "еджайл"));
        assert!(spelling_variants("бэк").is_empty());
        assert!(!spelling_variants("роадмап").contains(&"роадмап".to_string()));
        // Latin is matched as written.
        assert!(spelling_variants("roadmap").is_empty());
    }
}
