//! The term dictionary as data: the TOML format of `dictionaries/*.toml`, parsing and validation.
//!
//! A file is a list of `[[term]]` tables. Parsing keeps the source location of every value, so a
//! problem is reported as `file:line:column` with what to change. The built-in files are embedded
//! in the binary; teams can load their own files in the same format. Morphology (generating forms)
//! happens later, in [`crate::morph`].

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::{Category, Severity};
use crate::lines::{LineIndex, Location};
use crate::text::{is_cyrillic, normalize_phrase};

/// Part of speech of a term: chooses the lexeme in the morphology dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
    Phrase,
    Abbreviation,
    Other,
}

impl Pos {
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Noun => "noun",
            Pos::Verb => "verb",
            Pos::Adjective => "adjective",
            Pos::Adverb => "adverb",
            Pos::Phrase => "phrase",
            Pos::Abbreviation => "abbreviation",
            Pos::Other => "other",
        }
    }

    /// The Universal Dependencies part of speech of an inflecting word of this kind.
    pub fn ud(self) -> Option<&'static str> {
        match self {
            Pos::Noun => Some("NOUN"),
            Pos::Verb => Some("VERB"),
            Pos::Adjective => Some("ADJ"),
            Pos::Adverb => Some("ADV"),
            Pos::Phrase | Pos::Abbreviation | Pos::Other => None,
        }
    }
}

/// Grammatical number a replacement is limited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Number {
    Sing,
    Plur,
}

impl Number {
    /// The Universal Dependencies value.
    pub fn ud(self) -> &'static str {
        match self {
            Number::Sing => "Sing",
            Number::Plur => "Plur",
        }
    }
}

/// Verb aspect a replacement is limited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    Perf,
    Imperf,
}

impl Aspect {
    /// The Universal Dependencies value.
    pub fn ud(self) -> &'static str {
        match self {
            Aspect::Perf => "Perf",
            Aspect::Imperf => "Imp",
        }
    }
}

/// A plain Russian word or phrase to write instead of a term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    pub text: String,
    /// The word that inflects in a multi-word replacement («связь» in «обратная связь»).
    pub head: Option<String>,
    pub number: Option<Number>,
    pub aspect: Option<Aspect>,
    /// Normalized stems: the replacement is one sense of the term, chosen when its sentence has
    /// a word with one of them («воронка продаж» for «пайплайн» near «продаж», «сделк»). A term
    /// with such replacements and no sense chosen gets no fix applied.
    pub near: Vec<String>,
}

/// How far the fixes of an entry may go, whatever the grammar says: its replacement is close but
/// not the same thing («тест-кейс» — «тестовый сценарий» is another QA term), so a reader
/// decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixLimit {
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
    /// Never applied.
    DisplayOnly,
}

/// One dictionary entry after validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub lemma: String,
    pub variants: Vec<String>,
    pub pos: Pos,
    pub origin: String,
    pub category: Category,
    pub severity: Severity,
    pub replacements: Vec<Replacement>,
    pub note: String,
    /// A dictionary word that inflects like this term, for words the morphology does not know.
    pub like: Option<String>,
    /// Where `like` is written.
    pub like_location: Option<Location>,
    /// Forms added by hand, normalized.
    pub extra_forms: Vec<String>,
    pub invariable: bool,
    pub examples: Vec<String>,
    pub counterexamples: Vec<String>,
    /// Generated forms that are never matched, normalized.
    pub exclude_forms: Vec<String>,
    /// Collision forms (normalized) that are matched anyway, with the reason.
    pub accept_collisions: BTreeMap<String, String>,
    /// Normalized stems: the term is flagged only when its sentence has a word with one of them.
    pub near: Vec<String>,
    /// `near` is needed only by forms that are also other words («лида» — Лида); the others are
    /// flagged anywhere, with a fix no better than unsafe where no `near` word confirms them.
    pub near_collisions_only: bool,
    /// The most a fix of this entry may be (`fix = "unsafe"` or `"display-only"`).
    pub fix: Option<FixLimit>,
    /// Normalized stems: the term is not flagged when its sentence has a word with one of them.
    pub not_near: Vec<String>,
    /// Normalized stems: near a word with one of them the term names an object of a product
    /// («лиды, контакты и сделки» in a CRM), and its fix is only shown.
    pub fix_not_near: Vec<String>,
    /// Spellings no entry lists, generated from the written ones ([`crate::variants`]),
    /// normalized: transliteration variants and prefixed verbs.
    pub generated: Vec<String>,
    /// Forms that only generated spellings have, sorted: their fixes are never applied
    /// automatically, as the form's grammar comes from a sample word.
    pub generated_forms: Vec<String>,
    /// Domain: the file name without directory and extension («product»).
    pub domain: String,
    pub location: Location,
}

impl Term {
    /// Whether the term is written in Latin script (matched as written, never inflected).
    pub fn is_latin(&self) -> bool {
        self.lemma.chars().any(|c| c.is_ascii_alphabetic()) && !self.lemma.chars().any(is_cyrillic)
    }

    /// The lemma, its variants as written and the generated spellings.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        self.written_spellings()
            .chain(self.generated.iter().map(String::as_str))
    }

    /// The lemma and its variants, as written.
    pub fn written_spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lemma.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// Whether a normalized form comes only from generated spellings.
    pub fn is_generated_form(&self, form: &str) -> bool {
        self.generated_forms
            .binary_search_by(|known| known.as_str().cmp(form))
            .is_ok()
    }
}

/// A problem in a dictionary file, with its place and what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictionaryError {
    pub location: Location,
    pub message: String,
}

impl DictionaryError {
    /// A problem with a whole file or resource, placed at its start.
    pub fn at_start(file: &str, message: String) -> Self {
        DictionaryError {
            location: Location {
                file: file.into(),
                line: 1,
                column: 1,
            },
            message,
        }
    }
}

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for DictionaryError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    term: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTerm {
    lemma: Spanned<String>,
    #[serde(default)]
    variants: Vec<Spanned<String>>,
    pos: Pos,
    origin: Spanned<String>,
    category: Category,
    severity: Option<Severity>,
    #[serde(default)]
    replacements: Vec<Spanned<RawReplacement>>,
    note: Spanned<String>,
    like: Option<Spanned<String>>,
    #[serde(default)]
    forms: Vec<Spanned<String>>,
    #[serde(default)]
    invariable: bool,
    #[serde(default)]
    examples: Vec<Spanned<String>>,
    #[serde(default)]
    counterexamples: Vec<Spanned<String>>,
    #[serde(default)]
    exclude_forms: Vec<Spanned<String>>,
    #[serde(default)]
    accept_collisions: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    near: Vec<Spanned<String>>,
    #[serde(default)]
    near_collisions_only: bool,
    #[serde(default)]
    fix: Option<FixLimit>,
    #[serde(default)]
    not_near: Vec<Spanned<String>>,
    #[serde(default)]
    fix_not_near: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawReplacement {
    Text(String),
    Table(RawReplacementTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReplacementTable {
    text: String,
    head: Option<String>,
    number: Option<Number>,
    aspect: Option<Aspect>,
    #[serde(default)]
    near: Vec<String>,
}

/// Parses and validates one dictionary file. Every problem found is returned, not just the first.
pub fn parse(file: &str, source: &str) -> Result<Vec<Term>, Vec<DictionaryError>> {
    let index = LineIndex::new(source);
    let at = |span: Range<usize>| {
        let (line, column) = index.line_column(source, span.start);
        Location {
            file: file.to_string(),
            line,
            column,
        }
    };
    let raw: RawFile = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            return Err(vec![DictionaryError {
                location: at(error.span().unwrap_or(0..0)),
                message: format!("ошибка TOML: {}", error.message().trim()),
            }]);
        }
    };
    let domain = std::path::Path::new(file)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut errors = Vec::new();
    let mut terms = Vec::with_capacity(raw.term.len());
    for entry in raw.term {
        let span = entry.span();
        let raw = entry.into_inner();
        let mut error = |span: Range<usize>, message: String| {
            errors.push(DictionaryError {
                location: at(span),
                message,
            })
        };
        let lemma = raw.lemma.get_ref().trim().to_string();
        if lemma.is_empty() {
            error(
                raw.lemma.span(),
                "пустая лемма: укажите начальную форму слова".into(),
            );
            continue;
        }
        for (name, value) in [("origin", &raw.origin), ("note", &raw.note)] {
            if value.get_ref().trim().is_empty() {
                error(
                    value.span(),
                    format!("у термина «{lemma}» пустое поле {name}: заполните его"),
                );
            }
        }
        if raw.category != Category::Allowed && raw.replacements.is_empty() {
            error(
                span.clone(),
                format!("у термина «{lemma}» нет замен: добавьте replacements = [\"…\"]"),
            );
        }
        let mut replacements = Vec::new();
        for replacement in raw.replacements {
            let span = replacement.span();
            let replacement = match replacement.into_inner() {
                RawReplacement::Text(text) => Replacement {
                    text,
                    head: None,
                    number: None,
                    aspect: None,
                    near: Vec::new(),
                },
                RawReplacement::Table(table) => Replacement {
                    text: table.text,
                    head: table.head,
                    number: table.number,
                    aspect: table.aspect,
                    near: table
                        .near
                        .iter()
                        .map(|stem| normalize_phrase(stem))
                        .filter(|stem| !stem.is_empty())
                        .collect(),
                },
            };
            if replacement.text.trim().is_empty() {
                error(span, format!("у термина «{lemma}» пустая замена"));
                continue;
            }
            if let Some(head) = &replacement.head
                && !replacement
                    .text
                    .split_whitespace()
                    .any(|word| crate::text::bare(word) == head)
            {
                error(
                    span,
                    format!(
                        "главное слово «{head}» не входит в замену «{}»: head должен быть одним из ее слов",
                        replacement.text
                    ),
                );
                continue;
            }
            replacements.push(replacement);
        }
        let words = |list: Vec<Spanned<String>>| -> Vec<String> {
            list.into_iter()
                .map(|value| value.into_inner().trim().to_string())
                .filter(|value| !value.is_empty())
                .collect()
        };
        let normalized = |list: Vec<Spanned<String>>| -> Vec<String> {
            list.into_iter()
                .map(|value| normalize_phrase(value.get_ref()))
                .filter(|value| !value.is_empty())
                .collect()
        };
        let accept_collisions = raw
            .accept_collisions
            .into_iter()
            .map(|(form, reason)| (normalize_phrase(&form), reason.into_inner()))
            .collect::<BTreeMap<_, _>>();
        if let Some((form, _)) = accept_collisions
            .iter()
            .find(|(_, reason)| reason.trim().is_empty())
        {
            error(
                span.clone(),
                format!(
                    "у столкновения «{form}» термина «{lemma}» нет причины: объясните, почему форму можно искать"
                ),
            );
        }
        terms.push(Term {
            lemma,
            variants: words(raw.variants),
            pos: raw.pos,
            origin: raw.origin.into_inner().trim().to_string(),
            category: raw.category,
            severity: raw
                .severity
                .unwrap_or_else(|| raw.category.default_severity()),
            replacements,
            note: raw.note.into_inner().trim().to_string(),
            like_location: raw.like.as_ref().map(|like| at(like.span())),
            like: raw.like.map(|like| like.into_inner().trim().to_string()),
            extra_forms: normalized(raw.forms),
            invariable: raw.invariable,
            examples: words(raw.examples),
            counterexamples: words(raw.counterexamples),
            exclude_forms: normalized(raw.exclude_forms),
            accept_collisions,
            near: normalized(raw.near),
            near_collisions_only: raw.near_collisions_only,
            fix: raw.fix,
            not_near: normalized(raw.not_near),
            fix_not_near: normalized(raw.fix_not_near),
            generated: Vec::new(),
            generated_forms: Vec::new(),
            domain: domain.clone(),
            location: at(span),
        });
    }
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = r#"
[[term]]
lemma = "фича"
pos = "noun"
origin = "feature"
category = "jargon"
replacements = ["функция", { text = "новая возможность", head = "возможность" }]
note = "Новая возможность продукта."
examples = ["Мы выкатили фичу."]
"#;

    #[test]
    fn parses_an_entry_with_defaults() {
        let terms = parse("dictionaries/product.toml", ENTRY).unwrap();
        assert_eq!(terms.len(), 1);
        let term = &terms[0];
        assert_eq!(term.lemma, "фича");
        assert_eq!(term.severity, Severity::Warning);
        assert_eq!(term.domain, "product");
        assert_eq!(term.replacements[1].head.as_deref(), Some("возможность"));
        assert_eq!(term.location.line, 2);
    }

    #[test]
    fn reports_unknown_keys_with_location() {
        let source = ENTRY.replace("note =", "nte = \"x\"\nnote =");
        let errors = parse("team.toml", &source).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("nte"), "{}", errors[0]);
        assert_eq!(errors[0].location.file, "team.toml");
        assert_eq!(errors[0].location.line, 8);
    }

    #[test]
    fn reports_bad_category_and_missing_replacements() {
        let source = ENTRY.replace("\"jargon\"", "\"slang\"");
        let errors = parse("team.toml", &source).unwrap_err();
        assert!(errors[0].message.contains("slang"), "{}", errors[0]);
        assert_eq!(errors[0].location.line, 6);

        let source = ENTRY.replace(
            "replacements = [\"функция\", { text = \"новая возможность\", head = \"возможность\" }]",
            "",
        );
        let errors = parse("team.toml", &source).unwrap_err();
        assert!(errors[0].message.contains("нет замен"), "{}", errors[0]);
    }

    #[test]
    fn head_must_be_a_word_of_the_replacement() {
        let source = ENTRY.replace("head = \"возможность\"", "head = \"связь\"");
        let errors = parse("team.toml", &source).unwrap_err();
        assert!(errors[0].message.contains("«связь»"), "{}", errors[0]);
        assert_eq!(errors[0].location.line, 7);
    }

    #[test]
    fn normalizes_phrases() {
        assert_eq!(normalize_phrase("  Ресёрч   Команды "), "ресерч команды");
    }
}
