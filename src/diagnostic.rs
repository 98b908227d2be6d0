//! Findings as data, the vocabulary every later stage shares: rules and their codes, categories
//! of terms, severities, fixes (edits with an applicability) and the diagnostic itself — the rule,
//! the matched words and their byte span, and, for a finding about a dictionary entry, the entry
//! and its replacements. Rendering is the reporters' job, applying fixes is [`crate::fix`]'s.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A rule: one per category of term, one for words a team denies, one for suppressions that
/// suppress nothing. Codes are stable and never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Jargon,
    Anglicism,
    Abbreviation,
    Calque,
    Denied,
    UnusedSuppression,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::Jargon,
        Rule::Anglicism,
        Rule::Abbreviation,
        Rule::Calque,
        Rule::Denied,
        Rule::UnusedSuppression,
    ];

    /// Whether the rule's findings are about a dictionary entry (and carry a [`TermFinding`]).
    pub fn is_about_terms(self) -> bool {
        self != Rule::UnusedSuppression
    }

    pub fn code(self) -> &'static str {
        match self {
            Rule::Jargon => "AL001",
            Rule::Anglicism => "AL002",
            Rule::Abbreviation => "AL003",
            Rule::Calque => "AL004",
            Rule::Denied => "AL005",
            Rule::UnusedSuppression => "AL100",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::Jargon => "jargon",
            Rule::Anglicism => "anglicism",
            Rule::Abbreviation => "abbreviation",
            Rule::Calque => "calque",
            Rule::Denied => "denied",
            Rule::UnusedSuppression => "unused-suppression",
        }
    }

    /// Severity of the rule's findings when nothing else sets it.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Jargon | Rule::Anglicism | Rule::Denied | Rule::UnusedSuppression => {
                Severity::Warning
            }
            Rule::Abbreviation | Rule::Calque => Severity::Info,
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL
            .into_iter()
            .find(|rule| rule.code().eq_ignore_ascii_case(code) || rule.name() == code)
    }

    /// Where the rule's documentation is read on the web: its section of `docs/rules.md`, the
    /// same text as `anglint explain CODE`.
    pub fn documentation_url(self) -> String {
        format!(
            "https://github.com/anglint/anglint/blob/main/docs/rules.md#{}",
            self.code().to_lowercase()
        )
    }

    /// The rule's documentation: what it finds, why, and what to write instead.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::Jargon => {
                "Жаргонизм: офисный сленг из английского («фича», «апрувить», «митинг», «сейлзы»).\n\
                 Почему: коллеги из продаж, маркетинга и поддержки такие слова понимают по-разному или не понимают вовсе.\n\
                 Что делать: писать обычное русское слово («функция», «согласовать», «встреча», «отдел продаж»).\n\
                 Уровень по умолчанию: предупреждение (warning)."
            }
            Rule::Anglicism => {
                "Англицизм, у которого есть привычное русское слово («релиз», «дедлайн», «онбординг», «roadmap»).\n\
                 Почему: русское слово понятно всем читателям документа, англицизм — только части.\n\
                 Что делать: писать русское слово («выпуск», «срок», «адаптация», «план развития»).\n\
                 Уровень по умолчанию: предупреждение (warning)."
            }
            Rule::Abbreviation => {
                "Английская аббревиатура (KPI, OKR, CJM, ASAP).\n\
                 Почему: читатель не обязан знать расшифровку.\n\
                 Что делать: при первом упоминании расшифровать по-русски или заменить русским словом.\n\
                 Уровень по умолчанию: совет (info)."
            }
            Rule::Calque => {
                "Калька: дословный перевод английского оборота.\n\
                 Почему: по-русски так не говорят, фраза звучит как машинный перевод.\n\
                 Что делать: писать естественный русский оборот.\n\
                 Уровень по умолчанию: совет (info)."
            }
            Rule::Denied => {
                "Устоявшееся заимствование, которое команда решила не использовать (ключ deny в anglint.toml).\n\
                 Почему: так решила команда, например, чтобы тексты для клиентов были проще.\n\
                 Что делать: писать русское слово или убрать слово из deny.\n\
                 Уровень по умолчанию: предупреждение (warning)."
            }
            Rule::UnusedSuppression => {
                "Директива anglint-disable… в комментарии ничего не подавляет.\n\
                 Почему: лишние директивы скрывают будущие замечания и путают читателя.\n\
                 Что делать: убрать директиву или поправить названные в ней слова и правила.\n\
                 Уровень по умолчанию: предупреждение (warning)."
            }
        }
    }
}

/// A replacement offered to the writer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub text: String,
}

/// What a finding says about the dictionary entry it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermFinding {
    /// The entry's lemma.
    pub lemma: String,
    pub origin: String,
    pub category: Category,
    /// Replacements in the grammatical form of the matched word, best first.
    pub suggestions: Vec<Suggestion>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    /// The whole message: what the word is and what to write instead.
    pub message: String,
    /// The first part of the message, what the word is, for a header above the source line.
    pub title: String,
    /// Half-open byte span into the original text.
    pub span: Range<usize>,
    /// The text at `span`.
    pub matched: String,
    /// One line under the finding: what the entry means, or why the rule matters.
    pub note: String,
    /// The entry a term rule found; `None` for a finding about the document itself (a directive
    /// that suppresses nothing).
    pub term: Option<TermFinding>,
    /// The edits that replace the word, with how far they can be trusted.
    pub fix: Option<Fix>,
    /// The words are someone else's — a cited title, a quotation, a word mentioned as a word:
    /// the finding is a hint at most, whatever the team's severities, and has no fix.
    pub cited: bool,
}

impl Diagnostic {
    /// A finding of a term rule: `matched` is a form of the entry `term`.
    pub fn of_term(
        rule: Rule,
        severity: Severity,
        span: Range<usize>,
        matched: String,
        term: TermFinding,
        note: String,
        fix: Option<Fix>,
    ) -> Self {
        let (title, advice) = message(rule, &matched, &term);
        let message = match advice {
            Some(advice) => format!("{title}; {advice}"),
            None => title.clone(),
        };
        Diagnostic {
            rule,
            severity,
            message,
            title,
            span,
            matched,
            note,
            term: Some(term),
            fix,
            cited: false,
        }
    }

    /// A directive that suppresses nothing.
    pub fn unused_suppression(span: Range<usize>, matched: String, directive: &str) -> Self {
        Diagnostic {
            rule: Rule::UnusedSuppression,
            severity: Rule::UnusedSuppression.default_severity(),
            message: format!("директива «{directive}» ничего не подавляет: уберите ее"),
            title: format!("директива «{directive}» ничего не подавляет"),
            span,
            matched,
            note: "Лишние директивы скрывают будущие замечания.".into(),
            term: None,
            fix: None,
            cited: false,
        }
    }

    /// Keeps only the suggestions `keep` accepts, and the message says so.
    pub fn retain_suggestions(&mut self, keep: impl Fn(&Suggestion) -> bool) {
        let Some(term) = self.term.as_mut() else {
            return;
        };
        term.suggestions.retain(keep);
        let (title, advice) = message(self.rule, &self.matched, term);
        self.message = match advice {
            Some(advice) => format!("{title}; {advice}"),
            None => title.clone(),
        };
        self.title = title;
    }

    /// The lemma of the entry found, if the finding is about one.
    pub fn lemma(&self) -> Option<&str> {
        self.term.as_ref().map(|term| term.lemma.as_str())
    }

    /// The replacements offered, best first; none for a finding that is not about a term.
    pub fn suggestions(&self) -> &[Suggestion] {
        self.term
            .as_ref()
            .map_or(&[], |term| term.suggestions.as_slice())
    }

    /// The category as written in reports: the term's, or `suppression`.
    pub fn category_name(&self) -> &'static str {
        self.term
            .as_ref()
            .map_or("suppression", |term| term.category.as_str())
    }
}

/// `docs/rules.md`: every rule's code, name and explanation, one section each.
pub fn rules_document() -> String {
    let mut out = String::from(
        "# Правила anglint\n\nТот же текст печатает `anglint explain КОД`. Файл создается из кода \
         (`Rule::explanation`); тест проверяет, что он не устарел.\n",
    );
    for rule in Rule::ALL {
        out.push_str(&format!(
            "\n## {}\n\n`{}`\n\n{}\n",
            rule.code(),
            rule.name(),
            rule.explanation().replace('\n', "\n\n")
        ));
    }
    out
}

/// Quotes a list of words: «функция», «возможность».
pub fn quoted(suggestions: &[Suggestion]) -> String {
    suggestions
        .iter()
        .map(|suggestion| format!("«{}»", suggestion.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The title of a message (what the word is) and the advice (what to write instead).
fn message(rule: Rule, matched: &str, term: &TermFinding) -> (String, Option<String>) {
    let list = quoted(&term.suggestions);
    let origin = &term.origin;
    let advice = |text: String| (!term.suggestions.is_empty()).then_some(text);
    match rule {
        Rule::Jargon => (
            format!("«{matched}» — жаргонизм (англ. {origin})"),
            advice(format!("по-русски: {list}")),
        ),
        Rule::Anglicism => (
            format!("«{matched}» — англицизм (англ. {origin})"),
            advice(format!("есть русское слово: {list}")),
        ),
        Rule::Abbreviation => (
            format!("«{matched}» — английская аббревиатура ({origin})"),
            advice(format!("расшифруйте при первом упоминании: {list}")),
        ),
        Rule::Calque => (
            format!("«{matched}» — калька с английского ({origin})"),
            advice(format!("лучше: {list}")),
        ),
        Rule::Denied => (
            format!(
                "«{matched}» — заимствование (англ. {origin}), которое команда решила не использовать"
            ),
            None,
        ),
        Rule::UnusedSuppression => (format!("«{matched}» ничего не подавляет"), None),
    }
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The level as people read it, one word each, everywhere anglint writes for people: the
    /// report's headers and summary, `explain`, the README.
    pub fn title(self) -> &'static str {
        match self {
            Severity::Info => "совет",
            Severity::Warning => "предупреждение",
            Severity::Error => "ошибка",
        }
    }
}

/// What kind of borrowing a term is; decides the rule code and the default severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Slang of the office: «фича», «апрувить», «митинг».
    Jargon,
    /// A borrowing that has a common Russian equivalent: «релиз», «дедлайн».
    Anglicism,
    /// An English abbreviation: KPI, OKR, CJM.
    Abbreviation,
    /// A word-for-word translation of an English phrase.
    Calque,
    /// An established borrowing that is fine to use: «маркетинг», «менеджер».
    Allowed,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Jargon,
        Category::Anglicism,
        Category::Abbreviation,
        Category::Calque,
        Category::Allowed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Jargon => "jargon",
            Category::Anglicism => "anglicism",
            Category::Abbreviation => "abbreviation",
            Category::Calque => "calque",
            Category::Allowed => "allowed",
        }
    }

    /// The category as people read it: «жаргонизм», «англицизм»…
    pub fn title(self) -> &'static str {
        match self {
            Category::Jargon => "жаргонизм",
            Category::Anglicism => "англицизм",
            Category::Abbreviation => "аббревиатура",
            Category::Calque => "калька",
            Category::Allowed => "устоявшееся заимствование",
        }
    }

    /// The rule that reports terms of this category; none for allowed words.
    pub fn rule(self) -> Option<Rule> {
        match self {
            Category::Jargon => Some(Rule::Jargon),
            Category::Anglicism => Some(Rule::Anglicism),
            Category::Abbreviation => Some(Rule::Abbreviation),
            Category::Calque => Some(Rule::Calque),
            Category::Allowed => None,
        }
    }

    /// Severity of a term of this category when its entry does not set one.
    pub fn default_severity(self) -> Severity {
        match self {
            Category::Jargon | Category::Anglicism => Severity::Warning,
            Category::Abbreviation | Category::Calque | Category::Allowed => Severity::Info,
        }
    }
}

/// How far a fix can be trusted, ordered as in ruff: display-only < unsafe < safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the reader, never applied: the right form is unknown.
    DisplayOnly,
    /// Applied with `--unsafe-fixes`: more than one form fits, or the words around may need care.
    Unsafe,
    /// Applied with `--fix`: one form fits and everything that agrees with it changes too.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement of bytes of the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Non-overlapping edits in order of position.
    pub edits: Vec<Edit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documentation the editors link to is the explanation of each rule. Regenerate with
    /// `ANGLINT_BLESS=1 cargo test --lib rules_document`.
    #[test]
    fn rules_document_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        let expected = rules_document();
        if std::env::var_os("ANGLINT_BLESS").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let written = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(written, expected, "docs/rules.md is stale: ANGLINT_BLESS=1");
        for rule in Rule::ALL {
            let anchor = rule.documentation_url();
            let anchor = anchor.rsplit('#').next().unwrap();
            assert!(written.contains(&format!("\n## {}\n", anchor.to_uppercase())));
        }
    }
}
