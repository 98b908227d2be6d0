//! The compiled lexicon: every matchable form of every term, and a matcher over them.
//!
//! Patterns are normalized forms between spaces, in the shape of [`crate::words::Words`]'
//! haystack: `" фича "`, `" call  to  action "`. Latin single-word forms get three more patterns,
//! `" kpi-"`, `" kpi'"` and `"-kpi "`, so that «KPI-шки», «follow-up’ы» and «бизнес-KPI» are found
//! through their Latin part.
//!
//! The matcher is a finite-state transducer (the `fst` crate) from each pattern to its form and
//! anchor, walked from every space and hyphen of the haystack: the longest pattern at the leftmost
//! start wins, as in a leftmost-longest Aho-Corasick search («продакт-менеджер» wins over
//! «продакт»), and the search goes on after it. An FST is plain bytes, so the one over the
//! built-in dictionaries is built at compile time and used in place: building an Aho-Corasick
//! automaton over ~27,000 patterns took more than half of a run on one small file.

use std::borrow::Cow;
use std::collections::HashSet;

use fst::raw::{CompiledAddr, Fst, Output};

use crate::dictionary::{DictionaryError, Term};
pub use crate::morph::{Form, FormTable, Owner};
use crate::text::{is_cyrillic, normalize_phrase};

/// How a pattern sits in a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Whole words.
    Whole,
    /// The Latin part before a hyphen: «KPI-шки».
    Prefix,
    /// The Latin part after a hyphen: «бизнес-KPI».
    Suffix,
}

#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    pub form: usize,
    pub anchor: Anchor,
}

impl Pattern {
    /// The matcher's output value for the pattern.
    fn value(self) -> u64 {
        let anchor = match self.anchor {
            Anchor::Whole => 0,
            Anchor::Prefix => 1,
            Anchor::Suffix => 2,
        };
        ((self.form as u64) << 2) | anchor
    }

    fn from_value(value: u64) -> Self {
        let anchor = match value & 3 {
            1 => Anchor::Prefix,
            2 => Anchor::Suffix,
            _ => Anchor::Whole,
        };
        Pattern {
            form: (value >> 2) as usize,
            anchor,
        }
    }
}

pub struct Lexicon {
    pub terms: Vec<Term>,
    /// Matchable forms, allowed words included, sorted by text.
    pub forms: FormTable,
    matcher: Fst<Cow<'static, [u8]>>,
    /// The matcher's first two steps, by the two bytes: where a walk from a space or a hyphen
    /// goes. Most walks end here, and these nodes, with the most transitions, cost the most to
    /// decode.
    first_steps: Box<[[Option<Step>; 256]; 2]>,
}

/// Where the matcher is after some bytes.
#[derive(Clone, Copy, Debug)]
struct Step {
    output: Output,
    node: CompiledAddr,
}

impl Lexicon {
    /// The matcher over forms generated before ([`crate::morph::Morphology::table`]).
    pub fn new(terms: Vec<Term>, forms: FormTable) -> Result<Self, Vec<DictionaryError>> {
        let matcher = matcher(&terms, &forms)?;
        Self::with_matcher(terms, forms, Cow::Owned(matcher))
    }

    /// A lexicon with a matcher built before: [`matcher`] of `terms` and `forms`.
    pub fn with_matcher(
        terms: Vec<Term>,
        forms: FormTable,
        matcher: Cow<'static, [u8]>,
    ) -> Result<Self, Vec<DictionaryError>> {
        let matcher = Fst::new(matcher).map_err(|error| vec![matcher_error(&error)])?;
        let mut first_steps = Box::new([[None; 256]; 2]);
        for (steps, first) in first_steps.iter_mut().zip([b' ', b'-']) {
            let root = matcher.root();
            let Some(index) = root.find_input(first) else {
                continue;
            };
            let after_first = root.transition(index);
            let node = matcher.node(after_first.addr);
            for second in node.transitions() {
                steps[usize::from(second.inp)] = Some(Step {
                    output: after_first.out.cat(second.out),
                    node: second.addr,
                });
            }
        }
        Ok(Lexicon {
            terms,
            forms,
            matcher,
            first_steps,
        })
    }

    /// Non-overlapping matches in a haystack, leftmost-longest: `(pattern, start, end)`.
    pub fn find_iter<'a>(
        &'a self,
        haystack: &'a str,
    ) -> impl Iterator<Item = (Pattern, usize, usize)> + 'a {
        let bytes = haystack.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                // Every pattern starts with a space or a hyphen.
                let start = at + memchr::memchr2(b' ', b'-', &bytes[at..])?;
                if let Some((end, value)) = self.longest_at(bytes, start) {
                    // A pattern that ends with a hyphen leaves it to start the next one:
                    // «бизнес-» and then «-kpi».
                    at = if bytes[end - 1] == b'-' { end - 1 } else { end };
                    return Some((Pattern::from_value(value), start, end));
                }
                at = start + 1;
            }
            None
        })
    }

    /// The longest pattern that starts at `start` (a space or a hyphen): where it ends and its
    /// value. Every pattern is longer than two bytes.
    fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, u64)> {
        let table = usize::from(bytes[start] == b'-');
        let second = *bytes.get(start + 1)?;
        let step = self.first_steps[table][usize::from(second)]?;
        let mut node = self.matcher.node(step.node);
        let mut output = step.output;
        let mut longest = None;
        for (length, &byte) in bytes[start + 2..].iter().enumerate() {
            let length = length + 2;
            let Some(index) = node.find_input(byte) else {
                break;
            };
            let transition = node.transition(index);
            output = output.cat(transition.out);
            node = self.matcher.node(transition.addr);
            if node.is_final() {
                longest = Some((start + length + 1, output.cat(node.final_output()).value()));
            }
        }
        longest
    }

    /// Terms that have the normalized form `text`, allowed words included.
    pub fn terms_with_form(&self, text: &str) -> Vec<usize> {
        self.forms
            .find(text)
            .map(|form| form.owners().map(|owner| owner.term).collect())
            .unwrap_or_default()
    }

    /// All normalized forms of a term, allowed words included, sorted.
    pub fn forms_of(&self, term: usize) -> Vec<&str> {
        self.forms
            .iter()
            .filter(|form| form.owners().any(|owner| owner.term == term))
            .map(|form| form.text)
            .collect()
    }
}

/// A single Latin-script word («kpi», «follow-up»), which may carry a Russian ending after a hyphen.
fn is_latin_word(text: &str) -> bool {
    !text.contains(' ') && text.chars().any(|c| c.is_ascii_alphabetic()) && text.is_ascii()
}

/// Every pattern of `forms` (see the module's notes) with what it stands for, in form order.
/// Cyrillic terms are also found as parts of hyphenated words that are not entries: the lemma or
/// a variant before the hyphen («таск-трекер», «мидл-разработчиком»), any form after it
/// («тест-лида»).
pub fn patterns(terms: &[Term], forms: &FormTable) -> Vec<(String, Pattern)> {
    let spellings: HashSet<String> = terms
        .iter()
        .filter(|term| !term.is_latin())
        .flat_map(|term| term.spellings().map(normalize_phrase))
        .filter(|spelling| is_cyrillic_word(spelling))
        .collect();
    let mut patterns = Vec::with_capacity(forms.len() * 2);
    for (form, text) in forms.iter().map(|form| form.text).enumerate() {
        let spaced = text.replace(' ', "  ");
        let mut add = |key: String, anchor: Anchor| patterns.push((key, Pattern { form, anchor }));
        add(format!(" {spaced} "), Anchor::Whole);
        if is_latin_word(text) {
            add(format!(" {spaced}-"), Anchor::Prefix);
            // «follow-up’ы»: a Russian ending after an apostrophe.
            add(format!(" {spaced}'"), Anchor::Prefix);
            add(format!("-{spaced} "), Anchor::Suffix);
        } else if is_cyrillic_word(text) {
            if spellings.contains(text) {
                add(format!(" {spaced}-"), Anchor::Prefix);
            }
            add(format!("-{spaced} "), Anchor::Suffix);
        }
    }
    patterns
}

/// A single Cyrillic word without a hyphen: a whole part of a compound.
fn is_cyrillic_word(text: &str) -> bool {
    text.chars().count() > 2 && text.chars().all(is_cyrillic)
}

/// The matcher's bytes: an FST from every pattern of `forms` to [`Pattern::value`].
pub fn matcher(terms: &[Term], forms: &FormTable) -> Result<Vec<u8>, Vec<DictionaryError>> {
    let mut keys: Vec<(String, u64)> = patterns(terms, forms)
        .into_iter()
        .map(|(key, pattern)| (key, pattern.value()))
        .collect();
    keys.sort_unstable();
    let mut builder = fst::raw::Builder::memory();
    for (key, value) in keys {
        builder
            .insert(key, value)
            .map_err(|error| vec![matcher_error(&error)])?;
    }
    builder
        .into_inner()
        .map_err(|error| vec![matcher_error(&error)])
}

fn matcher_error(error: &fst::Error) -> DictionaryError {
    DictionaryError::at_start(
        "<словари>",
        format!("не удалось построить поиск по формам: {error}"),
    )
}
