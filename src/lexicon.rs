//! The compiled lexicon: every matchable form of every term and one Aho-Corasick automaton over
//! them, built once per run.
//!
//! Patterns are normalized forms between spaces, in the shape of [`crate::words::Words`]'
//! haystack: `" фича "`, `" call  to  action "`. Latin single-word forms get two more patterns,
//! `" kpi-"` and `"-kpi "`, so that «KPI-шки» and «бизнес-KPI» are found through their Latin part.
//! The automaton is leftmost-longest: «продакт-менеджер» wins over «продакт».
//!
//! It is a contiguous NFA, not a DFA: over ~26k patterns the DFA took ~90 ms and ~40 MB to build
//! at every start, and searched only ~5% faster in the whole pipeline (`scripts/bench.sh`).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::dictionary::{DictionaryError, Term, normalize_phrase};
use crate::morph::Morphology;

/// A matchable form: its text and the terms it is a form of. Two terms share a form when their
/// paradigms meet («деплои»: the plural of «деплой» and the imperative of «деплоить»).
#[derive(Clone, Debug)]
pub struct Form {
    /// Normalized text.
    pub text: String,
    pub owners: Vec<Owner>,
}

/// A term that has a form, with the form's readings as that term.
#[derive(Clone, Debug)]
pub struct Owner {
    /// Index of the term in [`Lexicon::terms`].
    pub term: usize,
    /// UD tag numbers of the form's readings in the morphology dictionary.
    pub readings: Vec<u16>,
}

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

pub struct Lexicon {
    pub terms: Vec<Term>,
    /// Matchable forms, allowed words included.
    pub forms: Vec<Form>,
    /// Normalized form text to the terms that have it, allowed words included.
    index: HashMap<String, Vec<usize>>,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl Lexicon {
    pub fn build(terms: Vec<Term>, morph: &Morphology) -> Result<Self, Vec<DictionaryError>> {
        let mut errors = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut owner: HashMap<String, usize> = HashMap::new();
        let mut lemmas: HashMap<String, usize> = HashMap::new();
        for (term_index, term) in terms.iter().enumerate() {
            let lemma = normalize_phrase(&term.lemma);
            if let Some(&other) = lemmas.get(&lemma) {
                let other = &terms[other];
                errors.push(DictionaryError {
                    location: term.location.clone(),
                    message: format!(
                        "термин «{}» уже есть ({}): объедините статьи",
                        term.lemma, other.location
                    ),
                });
                continue;
            }
            lemmas.insert(lemma, term_index);
            for form in morph.forms(term) {
                index.entry(form.text.clone()).or_default().push(term_index);
                // Allowed words are matched too: a team may deny them. The linter skips them
                // otherwise.
                let owned = Owner {
                    term: term_index,
                    readings: form.readings,
                };
                match owner.get(&form.text) {
                    Some(&existing) => forms[existing].owners.push(owned),
                    None => {
                        owner.insert(form.text.clone(), forms.len());
                        forms.push(Form {
                            text: form.text,
                            owners: vec![owned],
                        });
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut strings = Vec::with_capacity(forms.len() * 2);
        let mut patterns = Vec::with_capacity(forms.len() * 2);
        for (form_index, form) in forms.iter().enumerate() {
            let spaced = form.text.replace(' ', "  ");
            strings.push(format!(" {spaced} "));
            patterns.push(Pattern {
                form: form_index,
                anchor: Anchor::Whole,
            });
            if is_latin_word(&form.text) {
                strings.push(format!(" {spaced}-"));
                patterns.push(Pattern {
                    form: form_index,
                    anchor: Anchor::Prefix,
                });
                strings.push(format!("-{spaced} "));
                patterns.push(Pattern {
                    form: form_index,
                    anchor: Anchor::Suffix,
                });
            }
        }
        // A contiguous NFA: cheap to build, small, nearly as fast as a DFA here (see above).
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&strings)
            .map_err(|error| {
                vec![DictionaryError {
                    location: crate::dictionary::Location {
                        file: "<словари>".into(),
                        line: 1,
                        column: 1,
                    },
                    message: format!("не удалось построить автомат: {error}"),
                }]
            })?;
        Ok(Lexicon {
            terms,
            forms,
            index,
            automaton,
            patterns,
        })
    }

    /// Non-overlapping matches in a haystack: `(pattern, start, end)`.
    pub fn find_iter<'a>(
        &'a self,
        haystack: &'a str,
    ) -> impl Iterator<Item = (Pattern, usize, usize)> + 'a {
        self.automaton.find_iter(haystack).map(|found| {
            (
                self.patterns[found.pattern().as_usize()],
                found.start(),
                found.end(),
            )
        })
    }

    /// Terms that have the normalized form `text`, allowed words included.
    pub fn terms_with_form(&self, text: &str) -> &[usize] {
        self.index.get(text).map_or(&[], Vec::as_slice)
    }

    /// All normalized forms of a term, allowed words included.
    pub fn forms_of(&self, term: usize) -> Vec<&str> {
        let mut forms: Vec<&str> = self
            .index
            .iter()
            .filter(|(_, terms)| terms.contains(&term))
            .map(|(text, _)| text.as_str())
            .collect();
        forms.sort_unstable();
        forms
    }
}

/// A single Latin-script word («kpi», «follow-up»), which may carry a Russian ending after a hyphen.
fn is_latin_word(text: &str) -> bool {
    !text.contains(' ') && text.chars().any(|c| c.is_ascii_alphabetic()) && text.is_ascii()
}
