//! Words of a prose block and the normalized haystack the matcher searches.
//!
//! Segmentation is Unicode word boundaries (UAX #29, unicode-segmentation), then parts joined by a
//! hyphen or an invisible character become one word («продакт-менеджер», «KPI-шки», «фи\u{AD}ча»).
//! URLs, e-mail addresses, @mentions and identifiers (`feature_flag`, `hh.ru`, `camelCase`) are
//! marked so that they are never flagged. The haystack holds each normalized word between spaces;
//! words separated by whitespace only are separated by two spaces (so phrases match across them),
//! words separated by punctuation also by a `\x01`, which no pattern contains. Words in someone
//! else's text — a cited title, a quotation, a word mentioned as a word — are marked with why
//! ([`crate::cited`]).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::cited::{self, Cited};
use crate::format::Block;
use crate::text::{is_cyrillic, is_hyphen, is_invisible, push_normalized};

/// The script of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Cyrillic,
    Latin,
    Mixed,
    Other,
}

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Lower,
    /// First letter upper case, the rest lower case: «Лида».
    Title,
    Upper,
    Mixed,
}

#[derive(Clone, Debug)]
pub struct Word {
    /// Bytes of the word in the original text.
    pub src: Range<usize>,
    /// Bytes of the normalized word in the haystack.
    pub norm: Range<usize>,
    pub script: Script,
    pub shape: Shape,
    /// Index of the sentence within the block.
    pub sentence: u32,
    /// First word of its sentence.
    pub sentence_start: bool,
    /// Part of a URL, address, mention or identifier: never flagged.
    pub code: bool,
    /// In someone else's words, and why: reported as a hint at most, never fixed.
    pub cited: Option<Cited>,
}

/// The words of one block and the haystack built from them.
#[derive(Debug, Default)]
pub struct Words {
    pub words: Vec<Word>,
    pub haystack: String,
}

/// How many words around a match context rules look at (`near`, `not-near`, senses).
pub const CONTEXT_RADIUS: usize = 40;

/// Separator between words parted by punctuation or markup: never part of a pattern.
const HARD_BREAK: char = '\x01';

static LINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:https?|ftp|file|mailto)://\S+
        | \bwww\.\S+
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
        ",
    )
    .expect("the link pattern is valid")
});

/// The links and addresses in `source`. The pattern needs Unicode word boundaries, which only
/// the slowest regex engine handles, so text without "://", "www." or "@" is not searched.
fn links(source: &str) -> impl Iterator<Item = regex::Match<'_>> {
    let bytes = source.as_bytes();
    let possible = source.contains("://")
        || bytes.contains(&b'@')
        || bytes
            .windows(4)
            .any(|window| window.eq_ignore_ascii_case(b"www."));
    possible
        .then(|| LINKS.find_iter(source))
        .into_iter()
        .flatten()
}

impl Words {
    pub fn new(text: &str, block: &Block) -> Self {
        let mut words = Words::default();
        let mut builder = Builder::default();
        for segment in &block.segments {
            let source = &text[segment.range.clone()];
            if !segment.joined {
                builder.hard = true;
            }
            builder.code = segment.code;
            // Links and addresses are holes in the prose.
            let mut last = 0;
            for link in links(source) {
                builder.scan(
                    text,
                    segment.range.start + last,
                    &source[last..link.start()],
                    &mut words,
                );
                builder.hard = true;
                builder.terminal |= source[link.start()..link.end()].ends_with('.');
                last = link.end();
            }
            builder.scan(
                text,
                segment.range.start + last,
                &source[last..],
                &mut words,
            );
        }
        words.cite(cited::spans(text, block));
        words
    }

    /// Marks the words inside cited spans, the innermost span's reason first.
    fn cite(&mut self, mut spans: Vec<(Range<usize>, Cited)>) {
        spans.sort_by_key(|(range, _)| range.len());
        for (range, cited) in spans {
            let first = self
                .words
                .partition_point(|word| word.src.start < range.start);
            for word in &mut self.words[first..] {
                if word.src.start >= range.end {
                    break;
                }
                if word.src.end <= range.end && word.cited.is_none() {
                    word.cited = Some(cited);
                }
            }
        }
    }

    /// The index of the word whose normalized text starts at `offset` of the haystack.
    pub fn starting_at(&self, offset: usize) -> Option<usize> {
        let index = self.words.partition_point(|word| word.norm.start < offset);
        (self.words.get(index)?.norm.start == offset).then_some(index)
    }

    /// The index of the word whose normalized text ends at `offset` of the haystack.
    pub fn ending_at(&self, offset: usize) -> Option<usize> {
        let index = self.words.partition_point(|word| word.norm.end < offset);
        (self.words.get(index)?.norm.end == offset).then_some(index)
    }

    /// The indices of the words of the sentence of word `index`, at most `radius` words on each
    /// side of it: context rules look at nearby words, and an endless "sentence" (a generated
    /// line without punctuation) must not make the work per match grow with its length.
    pub fn around(&self, index: usize, radius: usize) -> Range<usize> {
        let sentence = self.words[index].sentence;
        let low = index.saturating_sub(radius);
        let high = self.words.len().min(index + radius + 1);
        let start = low + self.words[low..index].partition_point(|word| word.sentence < sentence);
        let end = index + self.words[index..high].partition_point(|word| word.sentence <= sentence);
        start..end
    }

    /// Whether a word of the sentence around `matched` (at most `radius` words before its first
    /// word and after it), other than the matched words, starts with one of `stems`.
    pub fn stem_nearby(&self, matched: &Range<usize>, radius: usize, stems: &[String]) -> bool {
        let window = self.around(matched.start, radius);
        (window.start..window.end.max(matched.end))
            .filter(|index| !matched.contains(index))
            .map(|index| self.normalized(&self.words[index]))
            .any(|word| stems.iter().any(|stem| word.starts_with(stem.as_str())))
    }

    /// The words of the sentence of word `index` as written in `text`, at most one chunk of
    /// rumorph's context model around it, and the position of the word among them.
    pub fn sentence_tokens<'t>(&self, text: &'t str, index: usize) -> (Vec<&'t str>, usize) {
        let members = self.around(index, rumorph::SENTENCE_CHUNK / 2);
        let tokens = members
            .clone()
            .map(|i| &text[self.words[i].src.clone()])
            .collect();
        (tokens, index - members.start)
    }

    /// Whether words `left` and `left + 1` are separated by whitespace only: no punctuation or
    /// markup between them.
    pub fn soft_gap(&self, left: usize) -> bool {
        &self.haystack[self.words[left].norm.end..self.words[left + 1].norm.start] == "  "
    }

    /// The normalized text of a word.
    pub fn normalized(&self, word: &Word) -> &str {
        &self.haystack[word.norm.clone()]
    }
}

#[derive(Default)]
struct Builder {
    /// The next word follows punctuation or markup rather than whitespace.
    hard: bool,
    /// A sentence ended since the last word.
    terminal: bool,
    sentence: u32,
    /// The words come from inline code: context only.
    code: bool,
}

impl Builder {
    /// Splits `source` (which starts at byte `base` of `text`) into words.
    fn scan(&mut self, text: &str, base: usize, source: &str, words: &mut Words) {
        let pieces: Vec<(usize, &str)> = source.split_word_bound_indices().collect();
        let mut i = 0;
        while i < pieces.len() {
            let (start, piece) = pieces[i];
            if !piece.chars().any(char::is_alphanumeric) {
                self.gap(piece);
                i += 1;
                continue;
            }
            // Join word pieces separated by one hyphen or invisible character.
            let mut end = start + piece.len();
            let mut j = i + 1;
            while j + 1 < pieces.len() {
                let joiner = pieces[j].1;
                let mut chars = joiner.chars();
                let single = chars.next().filter(|_| chars.next().is_none());
                let joins = single.is_some_and(|c| is_hyphen(c) || is_invisible(c));
                if joins && pieces[j + 1].1.chars().any(char::is_alphanumeric) {
                    end = pieces[j + 1].0 + pieces[j + 1].1.len();
                    j += 2;
                } else {
                    break;
                }
            }
            self.word(text, base + start..base + end, words);
            i = j;
        }
    }

    fn gap(&mut self, piece: &str) {
        if !piece.chars().all(char::is_whitespace) {
            self.hard = true;
        }
        if piece.contains(['.', '!', '?', '…']) {
            self.terminal = true;
        }
    }

    fn word(&mut self, text: &str, src: Range<usize>, words: &mut Words) {
        let src = trim(text, src);
        let raw = &text[src.clone()];
        let first = words.words.is_empty();
        if self.hard && !first {
            words.haystack.push(HARD_BREAK);
        }
        words.haystack.push(' ');
        let sentence_start = first || self.terminal;
        if self.terminal && !first {
            self.sentence += 1;
        }
        self.hard = false;
        self.terminal = false;
        let start = words.haystack.len();
        push_normalized(raw, &mut words.haystack);
        let norm = start..words.haystack.len();
        words.haystack.push(' ');
        let before = text[..src.start].chars().next_back();
        let after = text[src.end..].chars().next();
        words.words.push(Word {
            script: script(raw),
            shape: shape(raw),
            sentence: self.sentence,
            sentence_start,
            code: self.code || is_code(raw, before, after),
            cited: None,
            src,
            norm,
        });
    }
}

/// Particles written after a hyphen that are not part of the word: «фичу-то», «релиз-таки».
const PARTICLES: [&str; 4] = ["то", "ка", "таки", "де"];

/// A word without invisible characters at its edges (a byte order mark before the first word)
/// and without a trailing particle.
fn trim(text: &str, mut src: Range<usize>) -> Range<usize> {
    let raw = &text[src.clone()];
    let leading: usize = raw
        .chars()
        .take_while(|&c| is_invisible(c))
        .map(char::len_utf8)
        .sum();
    let trailing: usize = raw[leading..]
        .chars()
        .rev()
        .take_while(|&c| is_invisible(c))
        .map(char::len_utf8)
        .sum();
    src = src.start + leading..src.end - trailing;
    let raw = &text[src.clone()];
    if let Some((at, hyphen)) = raw.char_indices().rfind(|&(_, c)| is_hyphen(c)) {
        let particle = crate::text::normalize_word(&raw[at + hyphen.len_utf8()..]);
        if PARTICLES.contains(&particle.as_str()) && raw[..at].chars().any(is_cyrillic) {
            src.end = src.start + at;
        }
    }
    src
}

fn script(word: &str) -> Script {
    let cyrillic = word.chars().any(is_cyrillic);
    let latin = word.chars().any(|c| c.is_ascii_alphabetic());
    match (cyrillic, latin) {
        (true, false) => Script::Cyrillic,
        (false, true) => Script::Latin,
        (true, true) => Script::Mixed,
        (false, false) => Script::Other,
    }
}

fn shape(word: &str) -> Shape {
    // A hyphenated word in title case is title case: «Feature-Driven», «Санкт-Петербург».
    let parts: Vec<&str> = word.split(crate::text::is_hyphen).collect();
    if parts.len() > 1 && parts.iter().all(|part| part_shape(part) == Shape::Title) {
        return Shape::Title;
    }
    part_shape(word)
}

fn part_shape(word: &str) -> Shape {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Shape::Lower;
    };
    let rest: Vec<char> = letters.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    match (first.is_uppercase(), rest_lower, rest_upper) {
        (false, true, _) => Shape::Lower,
        (true, true, _) if !rest.is_empty() => Shape::Title,
        (true, _, true) => Shape::Upper,
        _ => Shape::Mixed,
    }
}

/// Whether a word is part of code rather than prose: identifiers with `_`, dots or inner capitals
/// after a lower-case letter (`feature_flag`, `hh.ru`, `camelCase`, `iOS`), mentions, hashtags and
/// paths.
fn is_code(word: &str, before: Option<char>, after: Option<char>) -> bool {
    if word.contains(['_', '.', ':']) {
        return true;
    }
    if matches!(before, Some('@' | '#' | '$' | '/' | '\\' | '~' | '='))
        || matches!(after, Some('@' | '/' | '\\' | '=' | '('))
    {
        return true;
    }
    // camelCase: an upper-case letter after two lower-case ones («featureFlag», «getData»);
    // «YoY», «PoC» and «iOS» are written words.
    let chars: Vec<char> = word.chars().collect();
    chars.windows(3).any(|triple| {
        triple[0].is_ascii_lowercase()
            && triple[1].is_ascii_lowercase()
            && triple[2].is_ascii_uppercase()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{FileKind, blocks};

    fn words(text: &str) -> Words {
        let blocks = blocks(text, FileKind::Text);
        Words::new(text, &blocks[0])
    }

    fn listed(text: &str) -> Vec<(String, bool)> {
        let words = words(text);
        words
            .words
            .iter()
            .map(|word| (text[word.src.clone()].to_string(), word.code))
            .collect()
    }

    #[test]
    fn joins_hyphenated_and_invisible_split_words() {
        let text = "Продакт-менеджер, KPI\u{2011}шки и фи\u{AD}ча фи\u{200B}ча";
        let words = words(text);
        let normalized: Vec<&str> = words.words.iter().map(|w| words.normalized(w)).collect();
        assert_eq!(
            normalized,
            vec!["продакт-менеджер", "kpi-шки", "и", "фича", "фича"]
        );
        assert_eq!(
            words.haystack,
            " продакт-менеджер \x01 kpi-шки  и  фича  фича "
        );
    }

    #[test]
    fn edges_and_particles_are_not_part_of_words() {
        let text = "\u{FEFF}Фичу-то сделали, а кто-то нет";
        let words = words(text);
        let listed: Vec<&str> = words.words.iter().map(|w| &text[w.src.clone()]).collect();
        assert_eq!(listed, vec!["Фичу", "сделали", "а", "кто", "нет"]);
    }

    #[test]
    fn urls_addresses_and_identifiers_are_code() {
        let listed = listed(
            "См. https://example.com/feature и ivan@example.com, hh.ru, feature_flag, featureFlag, @lead и фича.",
        );
        let prose: Vec<&str> = listed
            .iter()
            .filter(|(_, code)| !code)
            .map(|(word, _)| word.as_str())
            .collect();
        assert_eq!(prose, vec!["См", "и", "и", "фича"]);
    }

    #[test]
    fn sentences_and_shapes() {
        let words = words("Лида пришла. Потом ФИЧА и Лида! kpi");
        let summary: Vec<(u32, bool, Shape)> = words
            .words
            .iter()
            .map(|w| (w.sentence, w.sentence_start, w.shape))
            .collect();
        assert_eq!(
            summary,
            vec![
                (0, true, Shape::Title),
                (0, false, Shape::Lower),
                (1, true, Shape::Title),
                (1, false, Shape::Upper),
                (1, false, Shape::Lower),
                (1, false, Shape::Title),
                (2, true, Shape::Lower),
            ]
        );
    }

    #[test]
    fn words_in_cited_text_are_marked() {
        let text = "Слово «фича» и [Гайд по релизам](https://x.ru) против фичи.\n";
        let blocks = blocks(text, FileKind::Markdown);
        let words = Words::new(text, &blocks[0]);
        let marked: Vec<(&str, Option<Cited>)> = words
            .words
            .iter()
            .map(|word| (&text[word.src.clone()], word.cited))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("Слово", None),
                ("фича", Some(Cited::Mention)),
                ("и", None),
                ("Гайд", Some(Cited::Link)),
                ("по", Some(Cited::Link)),
                ("релизам", Some(Cited::Link)),
                ("против", None),
                ("фичи", None),
            ]
        );
    }

    #[test]
    fn finds_words_by_haystack_offsets() {
        let words = words("фича и баг");
        let second = &words.words[1];
        assert_eq!(words.starting_at(second.norm.start), Some(1));
        assert_eq!(words.ending_at(second.norm.end), Some(1));
        assert_eq!(words.starting_at(second.norm.start + 1), None);
    }
}
