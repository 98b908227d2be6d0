//! The built-in dictionary as data: every entry's examples run, entries are sorted and complete,
//! every collision with an ordinary Russian word or name is explained, replacements are real words.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use anglint::dictionary::{self, Category};
use anglint::{FileKind, Linter};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::builtin().unwrap_or_else(|error| panic!("{error}")));

fn flags_term(text: &str, lemma: &str) -> bool {
    LINTER
        .lint(text, FileKind::Text)
        .iter()
        .any(|diagnostic| diagnostic.term == lemma)
}

#[test]
fn every_example_runs() {
    let mut failures = Vec::new();
    for term in LINTER.terms() {
        for example in &term.examples {
            if !flags_term(example, &term.lemma) {
                failures.push(format!(
                    "{}: «{}» не найден в «{example}»",
                    term.location, term.lemma
                ));
            }
        }
        for example in &term.counterexamples {
            if flags_term(example, &term.lemma) {
                failures.push(format!(
                    "{}: «{}» найден в «{example}»",
                    term.location, term.lemma
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn entries_are_complete() {
    let mut failures = Vec::new();
    for term in LINTER.terms() {
        if term.category == Category::Allowed {
            continue;
        }
        if term.examples.is_empty() {
            failures.push(format!(
                "{}: у «{}» нет примеров",
                term.location, term.lemma
            ));
        }
        for replacement in &term.replacements {
            if replacement.text.contains(' ') && replacement.head.is_none() {
                failures.push(format!(
                    "{}: у многословной замены «{}» нет head",
                    term.location, replacement.text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn entries_are_sorted_by_lemma() {
    for (file, source) in dictionary::BUILTIN {
        let terms = dictionary::parse(file, source).unwrap();
        let lemmas: Vec<String> = terms.iter().map(|term| term.lemma.to_lowercase()).collect();
        let mut sorted = lemmas.clone();
        sorted.sort();
        assert_eq!(
            lemmas, sorted,
            "{file}: статьи должны идти по алфавиту лемм"
        );
    }
}

#[test]
fn replacements_are_words_the_morphology_knows() {
    let morph = LINTER.morphology();
    let mut failures = Vec::new();
    for term in LINTER.terms() {
        for replacement in &term.replacements {
            for word in replacement.text.split([' ', '-']) {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if !word.is_empty() && !morph.is_known(word) {
                    failures.push(format!(
                        "{}: слова «{word}» из замены «{}» нет в морфологическом словаре",
                        term.location, replacement.text
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every form that the morphology also knows as another word: listed (snapshot) and handled.
#[test]
fn collisions_are_explained() {
    let morph = LINTER.morphology();
    let mut listing = String::new();
    let mut unexplained = Vec::new();
    let mut stale = Vec::new();
    let mut by_term: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (index, term) in LINTER.terms().iter().enumerate() {
        if term.category == Category::Allowed || term.is_latin() {
            continue;
        }
        let forms = LINTER.lexicon().forms_of(index);
        for form in &forms {
            let collisions = morph.collisions(term, form);
            if collisions.is_empty() {
                continue;
            }
            let others: Vec<String> = collisions
                .iter()
                .map(|collision| format!("{} {}", collision.lemma, collision.pos))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let handling = if !term.near.is_empty() {
                "near"
            } else if term.accept_collisions.contains_key(*form) {
                "accepted"
            } else {
                unexplained.push(format!(
                    "{}: «{form}» ({}) — {}",
                    term.location,
                    term.lemma,
                    others.join(", ")
                ));
                "UNEXPLAINED"
            };
            by_term
                .entry((term.domain.clone(), term.lemma.clone()))
                .or_default()
                .push(format!("{form} [{handling}]: {}", others.join(", ")));
        }
        for form in term.accept_collisions.keys() {
            if !forms.contains(&form.as_str()) || morph.collisions(term, form).is_empty() {
                stale.push(format!(
                    "{}: «{form}» в accept-collisions — не столкновение формы «{}»",
                    term.location, term.lemma
                ));
            }
        }
        for form in &term.exclude_forms {
            let generated = morph.forms(&anglint::Term {
                exclude_forms: Vec::new(),
                ..term.clone()
            });
            if !generated.iter().any(|candidate| &candidate.text == form) {
                stale.push(format!(
                    "{}: «{form}» в exclude-forms — не форма «{}»",
                    term.location, term.lemma
                ));
            }
        }
    }
    for ((domain, lemma), lines) in &by_term {
        writeln!(listing, "{domain}/{lemma}").unwrap();
        for line in lines {
            writeln!(listing, "  {line}").unwrap();
        }
    }
    assert!(
        unexplained.is_empty(),
        "необъясненные столкновения:\n{}",
        unexplained.join("\n")
    );
    assert!(stale.is_empty(), "{}", stale.join("\n"));
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
                .flat_map(|candidate| &candidate.owners)
                .map(|owner| LINTER.terms()[owner.term].lemma.as_str())
                .collect();
            let capitalised: String = {
                let mut chars = form.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            };
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
                    owners.contains(&d.term.as_str()) && d.matched.to_lowercase() == form
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
