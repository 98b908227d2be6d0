//! Dictionaries compiled into tables: the terms, every matchable form with its readings, and the
//! terms' own words for the morphology.
//!
//! Compiling the built-in dictionaries (parsing TOML, adding ~1,000 own words to rumorph,
//! generating ~26,000 forms) took ~170 ms, most of a run on one small file. `build.rs` compiles
//! them once, at build time, with this module, and embeds the [`encode`]d tables in the binary;
//! a run [`decode`]s them in about a millisecond. Team dictionaries (`extend-dictionaries`) are
//! compiled at every run.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Category;
use crate::dictionary::{self, DictionaryError, Term};
use crate::morph::{self, FormTable, Morphology, OwnWords};
use crate::text::normalize_phrase;
use crate::variants;

/// Dictionaries compiled for a run.
pub struct Compiled {
    pub terms: Vec<Term>,
    pub morph: Morphology,
    pub forms: FormTable,
}

/// What the binary carries of its built-in dictionaries.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tables {
    pub terms: Vec<Term>,
    pub forms: FormTable,
    pub own: OwnWords,
}

/// Parses dictionaries given as `(file name, contents)`, adds their own words to the morphology
/// and generates every form. All problems are returned, each with its place.
pub fn compile<'a>(
    sources: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Compiled, Vec<DictionaryError>> {
    let mut terms = Vec::new();
    let mut errors = Vec::new();
    for (file, source) in sources {
        match dictionary::parse(file, source) {
            Ok(parsed) => terms.extend(parsed),
            Err(found) => errors.extend(found),
        }
    }
    let base =
        morph::bundled().map_err(|message| vec![DictionaryError::at_start("rumorph", message)])?;
    generate_spellings(&base, &mut terms);
    let (morph, problems) = Morphology::new(base, &terms);
    errors.extend(
        problems
            .into_iter()
            .map(|(index, message, at_like)| DictionaryError {
                location: match (&terms[index].like_location, at_like) {
                    (Some(place), true) => place.clone(),
                    _ => terms[index].location.clone(),
                },
                message,
            }),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let forms = morph.table(&mut terms)?;
    Ok(Compiled {
        terms,
        morph,
        forms,
    })
}

/// Adds to each flagged Cyrillic term the transliteration variants of its written spellings
/// ([`variants::spelling_variants`]) that are no word of the morphology dictionary and no
/// spelling of another entry.
fn generate_spellings(base: &rumorph::Dictionary, terms: &mut [Term]) {
    let written: HashSet<String> = terms
        .iter()
        .flat_map(|term| term.written_spellings().map(normalize_phrase))
        .collect();
    for term in terms.iter_mut() {
        if term.category == Category::Allowed || term.is_latin() || term.lemma.contains(' ') {
            continue;
        }
        let mut generated: Vec<String> = term
            .written_spellings()
            .flat_map(|spelling| variants::spelling_variants(&normalize_phrase(spelling)))
            .filter(|candidate| !written.contains(candidate) && !base.is_known(candidate))
            .collect();
        generated.sort();
        generated.dedup();
        term.generated = generated;
    }
}

impl Compiled {
    /// The tables to embed: own words indexed for lazy loading.
    pub fn tables(&self) -> Tables {
        Tables {
            terms: self.terms.clone(),
            forms: self.forms.clone(),
            own: self.morph.indexed_own_words(),
        }
    }
}

pub fn encode(tables: &Tables) -> Vec<u8> {
    // Serializing plain data into memory cannot fail.
    postcard::to_allocvec(tables).unwrap_or_default()
}

pub fn decode(bytes: &[u8]) -> Result<Tables, String> {
    postcard::from_bytes(bytes).map_err(|error| format!("таблицы словарей повреждены: {error}"))
}
