//! The built-in dictionary as data: every entry's examples run, entries are sorted and complete,
//! every collision with an ordinary Russian word or name is explained, replacements are real words.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

use anglint::Category;
use anglint::dictionary;
use anglint::validate;
use anglint::{FileKind, Linter};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::builtin().unwrap_or_else(|error| panic!("{error}")));

fn assert_clean(problems: Vec<dictionary::DictionaryError>) {
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(listed.is_empty(), "{}", listed.join("\n"));
}

#[test]
fn every_example_runs() {
    assert_clean(
        LINTER
            .terms()
            .iter()
            .flat_map(|term| validate::examples(&LINTER, term))
            .collect(),
    );
}

#[test]
fn entries_are_complete_with_known_replacements() {
    assert_clean(
        LINTER
            .terms()
            .iter()
            .flat_map(|term| validate::completeness(&LINTER, term))
            .collect(),
    );
}

#[test]
fn forms_belong_to_one_file() {
    assert_clean(validate::shared_forms(&LINTER));
}

#[test]
fn entries_are_sorted_by_lemma() {
    for (file, source) in anglint::builtin::SOURCES {
        assert_clean(validate::sorted(&dictionary::parse(file, source).unwrap()));
    }
}

#[test]
fn collisions_are_explained() {
    assert_clean(
        (0..LINTER.terms().len())
            .flat_map(|index| validate::collisions(&LINTER, index))
            .collect(),
    );
}

/// Every form that the morphology also knows as another word, with how it is handled: a change
/// to this list shows up in review.
#[test]
fn collisions_are_listed() {
    let morph = LINTER.morphology();
    let mut by_term: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (index, term) in LINTER.terms().iter().enumerate() {
        if term.category == Category::Allowed || term.is_latin() {
            continue;
        }
        for form in LINTER.lexicon().forms_of(index) {
            let collisions = morph.collisions(term, form);
            if collisions.is_empty() {
                continue;
            }
            let others: BTreeSet<String> = collisions
                .iter()
                .map(|collision| format!("{} {}", collision.lemma, collision.pos))
                .collect();
            let handling = if !term.near.is_empty() {
                "near"
            } else if term.accept_collisions.contains_key(form) {
                "accepted"
            } else {
                "UNEXPLAINED"
            };
            by_term
                .entry((term.domain.clone(), term.lemma.clone()))
                .or_default()
                .push(format!(
                    "{form} [{handling}]: {}",
                    others.into_iter().collect::<Vec<_>>().join(", ")
                ));
        }
    }
    let mut listing = String::new();
    for ((domain, lemma), lines) in &by_term {
        writeln!(listing, "{domain}/{lemma}").unwrap();
        for line in lines {
            writeln!(listing, "  {line}").unwrap();
        }
    }
    insta::assert_snapshot!("collisions", listing);
}

/// Every matchable form of every term is found in running text, mid-sentence and at the start of
/// a sentence; collision forms only where the entry allows them.
#[test]
fn every_form_is_found() {
    let morph = LINTER.morphology();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (index, term) in LINTER.terms().iter().enumerate() {
        if term.category == Category::Allowed {
            continue;
        }
        let context = term.near.first().map(String::as_str).unwrap_or("");
        for form in LINTER.lexicon().forms_of(index) {
            let collisions = if term.is_latin() {
                Vec::new()
            } else {
                morph.collisions(term, form)
            };
            if !collisions.is_empty()
                && !term.accept_collisions.contains_key(form)
                && term.near.is_empty()
            {
                continue;
            }
            // A capitalised form that is also a name is read by the context model at the start
            // of a sentence, and may rightly be taken for the name.
            let name = collisions
                .iter()
                .any(|collision| collision.is_proper_name());
            // A form shared by several terms is reported for the most probable one.
            let owners: Vec<&str> = LINTER
                .lexicon()
                .forms
                .iter()
                .filter(|candidate| candidate.text == form)
                .flat_map(|candidate| candidate.owners())
                .map(|owner| LINTER.terms()[owner.term].lemma.as_str())
                .collect();
            let capitalised = anglint::text::capitalized(form);
            let sentences = if term.is_latin() || name {
                vec![format!(
                    "Вчера мы долго обсуждали {form} с коллегами {context}."
                )]
            } else {
                vec![
                    format!("Вчера мы долго обсуждали {form} с коллегами {context}."),
                    format!("{capitalised} — вот что мы обсуждали {context}."),
                ]
            };
            for sentence in sentences {
                checked += 1;
                let found = LINTER.lint(&sentence, FileKind::Text);
                let hit = |d: &anglint::Diagnostic| {
                    d.lemma().is_some_and(|lemma| owners.contains(&lemma))
                        && d.matched.to_lowercase() == form
                };
                if !found.iter().any(hit) {
                    failures.push(format!(
                        "{}: «{form}» ({}) не найдена в «{sentence}»",
                        term.location, term.lemma
                    ));
                }
            }
        }
    }
    assert!(checked > 5000, "{checked}");
    assert!(
        failures.is_empty(),
        "{} из {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
