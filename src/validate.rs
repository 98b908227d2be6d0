//! Checks of dictionary data beyond parsing, shared by the test suite (for the built-in files)
//! and `anglint dict check` (for a team's own file): examples run, collisions are explained,
//! entries are complete and sorted, replacements are real words.

use crate::diagnostic::Category;
use crate::dictionary::{DictionaryError, Term};
use crate::format::FileKind;
use crate::lines::Location;
use crate::linter::Linter;
use crate::text::normalize_phrase;

/// What `anglint dict check` says of each checked file.
pub struct FileSummary {
    pub name: String,
    pub terms: usize,
    pub forms: usize,
    pub errors: usize,
}

/// Every problem of the dictionary files `names` (their order and all checks), with a summary
/// per file. `sources` are the files' (name, contents), as loaded.
pub struct FilesReport {
    pub problems: Vec<DictionaryError>,
    pub files: Vec<FileSummary>,
}

/// Checks the dictionary files `names` of `linter`: sorted entries, examples, completeness,
/// collisions, shared forms.
pub fn files(linter: &Linter, sources: &[(String, String)], names: &[String]) -> FilesReport {
    let mut problems = Vec::new();
    for (name, text) in sources.iter().filter(|(name, _)| names.contains(name)) {
        if let Ok(terms) = crate::dictionary::parse(name, text) {
            problems.extend(sorted(&terms));
        }
    }
    problems.extend(check(linter, |term| names.contains(&term.location.file)));
    let files = names
        .iter()
        .map(|name| {
            let terms: Vec<usize> = (0..linter.terms().len())
                .filter(|&index| &linter.terms()[index].location.file == name)
                .collect();
            FileSummary {
                name: name.clone(),
                terms: terms.len(),
                forms: terms
                    .iter()
                    .map(|&index| linter.lexicon().forms_of(index).len())
                    .sum(),
                errors: problems
                    .iter()
                    .filter(|problem| &problem.location.file == name)
                    .count(),
            }
        })
        .collect();
    FilesReport { problems, files }
}

/// A problem found in a term.
fn problem(term: &Term, message: String) -> DictionaryError {
    DictionaryError {
        location: term.location.clone(),
        message,
    }
}

/// All problems of the terms for which `selected` is true.
pub fn check(linter: &Linter, selected: impl Fn(&Term) -> bool) -> Vec<DictionaryError> {
    let mut problems: Vec<DictionaryError> = shared_forms(linter)
        .into_iter()
        .filter(|problem| {
            linter
                .terms()
                .iter()
                .any(|term| term.location == problem.location && selected(term))
        })
        .collect();
    for (index, term) in linter.terms().iter().enumerate() {
        if selected(term) {
            problems.extend(examples(linter, term));
            problems.extend(completeness(linter, term));
            problems.extend(collisions(linter, index));
        }
    }
    problems
}

/// Every example is flagged for the term, no counterexample is.
pub fn examples(linter: &Linter, term: &Term) -> Vec<DictionaryError> {
    let flags = |text: &str| {
        linter
            .lint(text, FileKind::Text)
            .iter()
            .any(|diagnostic| diagnostic.lemma() == Some(term.lemma.as_str()))
    };
    let mut problems = Vec::new();
    for example in &term.examples {
        if !flags(example) {
            problems.push(problem(
                term,
                format!(
                    "пример не срабатывает: «{}» не найден в «{example}»",
                    term.lemma
                ),
            ));
        }
    }
    for example in &term.counterexamples {
        if flags(example) {
            problems.push(problem(
                term,
                format!(
                    "контрпример срабатывает: «{}» найден в «{example}»",
                    term.lemma
                ),
            ));
        }
    }
    problems
}

/// A flagged term has examples and replacements that are words the morphology knows; a
/// multi-word replacement names its head word.
pub fn completeness(linter: &Linter, term: &Term) -> Vec<DictionaryError> {
    let mut problems = Vec::new();
    if term.category == Category::Allowed {
        return problems;
    }
    if term.examples.is_empty() {
        problems.push(problem(
            term,
            format!(
                "у «{}» нет примеров: добавьте examples = [\"…\"]",
                term.lemma
            ),
        ));
    }
    for replacement in &term.replacements {
        if replacement.text.contains(' ') && replacement.head.is_none() {
            problems.push(problem(
                term,
                format!(
                    "у многословной замены «{}» нет главного слова: запишите {{ text = \"{}\", head = \"…\" }}",
                    replacement.text, replacement.text
                ),
            ));
        }
        for word in replacement.text.split([' ', '-']) {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() && !linter.morphology().is_known(word) {
                problems.push(problem(
                    term,
                    format!(
                        "слова «{word}» из замены «{}» нет в морфологическом словаре: проверьте написание",
                        replacement.text
                    ),
                ));
            }
        }
    }
    problems
}

/// Every collision form of the term is explained (accepted, or the term is gated by `near`),
/// and the lists of accepted collisions and excluded forms hold no stale entries.
pub fn collisions(linter: &Linter, index: usize) -> Vec<DictionaryError> {
    let term = &linter.terms()[index];
    let morph = linter.morphology();
    let mut problems = Vec::new();
    if term.category == Category::Allowed || term.is_latin() {
        return problems;
    }
    let forms = linter.lexicon().forms_of(index);
    for form in &forms {
        let found = morph.collisions(term, form);
        if found.is_empty() || !term.near.is_empty() || term.accept_collisions.contains_key(*form) {
            continue;
        }
        let mut others: Vec<String> = Vec::new();
        for collision in &found {
            let other = format!("{} ({})", collision.lemma, collision.pos);
            if !others.contains(&other) {
                others.push(other);
            }
        }
        problems.push(problem(
            term,
            format!(
                "форма «{form}» термина «{}» — это и {}: исключите ее (exclude-forms), разрешите с причиной (accept-collisions) или задайте near",
                term.lemma,
                others.join(", ")
            ),
        ));
    }
    for form in term.accept_collisions.keys() {
        if !forms.contains(&form.as_str()) || morph.collisions(term, form).is_empty() {
            problems.push(problem(
                term,
                format!(
                    "«{form}» в accept-collisions — не столкновение формы «{}»: уберите",
                    term.lemma
                ),
            ));
        }
    }
    if !term.exclude_forms.is_empty() {
        let generated = morph.forms(&Term {
            exclude_forms: Vec::new(),
            ..term.clone()
        });
        for form in &term.exclude_forms {
            if !generated.iter().any(|candidate| &candidate.text == form) {
                problems.push(problem(
                    term,
                    format!(
                        "«{form}» в exclude-forms — не форма «{}»: уберите",
                        term.lemma
                    ),
                ));
            }
        }
    }
    problems
}

/// Forms shared by terms of different files: a form belongs to one domain. Terms of one file may
/// share forms when their paradigms meet («деплои» of «деплой» and «деплоить»).
pub fn shared_forms(linter: &Linter) -> Vec<DictionaryError> {
    let mut problems = Vec::new();
    for form in linter.lexicon().forms.iter() {
        let flagged: Vec<&Term> = form
            .owners()
            .map(|owner| &linter.terms()[owner.term])
            .filter(|term| term.category != Category::Allowed)
            .collect();
        let Some((first, rest)) = flagged.split_first() else {
            continue;
        };
        for other in rest {
            if other.location.file != first.location.file {
                problems.push(problem(
                    other,
                    format!(
                        "форма «{}» термина «{}» есть и у термина «{}» ({}): оставьте ее одной статье (exclude-forms)",
                        form.text, other.lemma, first.lemma, first.location
                    ),
                ));
            }
        }
    }
    problems
}

/// Entries of one file are sorted by lemma (lower case), as they are reviewed as data.
pub fn sorted(terms: &[Term]) -> Vec<DictionaryError> {
    let mut problems = Vec::new();
    for pair in terms.windows(2) {
        let (previous, next) = (
            normalize_phrase(&pair[0].lemma),
            normalize_phrase(&pair[1].lemma),
        );
        if next < previous {
            problems.push(DictionaryError {
                location: Location {
                    ..pair[1].location.clone()
                },
                message: format!(
                    "статьи идут не по алфавиту: «{}» должна стоять перед «{}»",
                    pair[1].lemma, pair[0].lemma
                ),
            });
        }
    }
    problems
}
