//! What anglint says about a word or a rule: `anglint explain` prints it, the language server
//! shows it on hover. One description of an entry, rendered as plain text or as markdown.

use crate::diagnostic::{Diagnostic, Rule, quoted};
use crate::linter::Linter;
use crate::text::normalize_phrase;

/// What a query names.
pub enum Explanation {
    /// A rule, by code or name.
    Rule(Rule),
    /// Dictionary entries that have the word among their forms (indices into the terms).
    Terms(Vec<usize>),
    /// Neither: the word is not flagged.
    Unknown,
}

/// Looks a word (any form) or a rule (code or name) up.
pub fn explain(linter: &Linter, query: &str) -> Explanation {
    if let Some(rule) = Rule::from_code(query.trim()) {
        return Explanation::Rule(rule);
    }
    let terms = linter.lookup(query);
    if terms.is_empty() {
        Explanation::Unknown
    } else {
        Explanation::Terms(terms)
    }
}

/// The text `anglint explain QUERY` prints.
pub fn plain(linter: &Linter, query: &str, explanation: &Explanation) -> String {
    match explanation {
        Explanation::Rule(rule) => format!(
            "{} ({})\n\n{}\n",
            rule.code(),
            rule.name(),
            rule.explanation()
        ),
        Explanation::Unknown => format!(
            "«{query}» нет в словаре anglint: оно не отмечается. Если это жаргон, добавьте его в свой словарь.\n"
        ),
        Explanation::Terms(terms) => terms
            .iter()
            .map(|&index| entry(linter, index))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// One dictionary entry, plain text: what it is, where it comes from, replacements, spellings,
/// its file and every form anglint finds.
pub fn entry(linter: &Linter, index: usize) -> String {
    let term = &linter.terms()[index];
    let mut out = match term.category.rule() {
        Some(rule) => format!(
            "{} — {} ({}, {})\n",
            term.lemma,
            term.category.title(),
            rule.code(),
            term.severity.title()
        ),
        None => format!(
            "{} — {}: anglint его не отмечает\n",
            term.lemma,
            term.category.title()
        ),
    };
    out.push_str(&format!("Происхождение: англ. {}\n", term.origin));
    out.push_str(&format!("Значение: {}\n", term.note));
    if !term.replacements.is_empty() {
        let list: Vec<&str> = term.replacements.iter().map(|r| r.text.as_str()).collect();
        out.push_str(&format!("Замены: {}\n", list.join(", ")));
    }
    if !term.variants.is_empty() {
        out.push_str(&format!(
            "Варианты написания: {}\n",
            term.variants.join(", ")
        ));
    }
    out.push_str(&format!("Словарь: {} ({})\n", term.domain, term.location));
    let forms = linter.lexicon().forms_of(index);
    out.push_str(&format!("Формы ({}): {}\n", forms.len(), forms.join(", ")));
    out
}

/// A finding explained in markdown, for a hover: the entry, its origin, the replacements in the
/// form of the matched word and in the dictionary, and the command that says more.
pub fn finding(linter: &Linter, found: &Diagnostic) -> String {
    let Some(term) = &found.term else {
        // A finding about the document (a directive that suppresses nothing).
        return format!(
            "**{}** ({})\n\n{}",
            found.title,
            found.rule.code(),
            found.note
        );
    };
    let mut out = format!(
        "**{}** — {} ([{}]({}), {})\n\n",
        term.lemma,
        term.category.title(),
        found.rule.code(),
        found.rule.documentation_url(),
        found.severity.title()
    );
    out.push_str(&format!("Значение: {}\n\n", found.note));
    out.push_str(&format!("Происхождение: англ. {}\n\n", term.origin));
    if !term.suggestions.is_empty() {
        out.push_str(&format!(
            "Заменить «{}» на: {}\n\n",
            found.matched,
            quoted(&term.suggestions)
        ));
    }
    let lemma = normalize_phrase(&term.lemma);
    let replacements: Vec<&str> = linter
        .lookup(&term.lemma)
        .into_iter()
        .map(|index| &linter.terms()[index])
        .filter(|entry| normalize_phrase(&entry.lemma) == lemma)
        .flat_map(|entry| entry.replacements.iter().map(|r| r.text.as_str()))
        .collect();
    if !replacements.is_empty() {
        out.push_str(&format!(
            "Замены в словаре: {}\n\n",
            replacements.join(", ")
        ));
    }
    out.push_str(&format!("`anglint explain {}`", term.lemma));
    out
}
