//! Hover on a flagged word: what the entry is, where it comes from and what to write instead,
//! the text of `anglint explain` for the word, in markdown.

use crate::diagnostic::{Diagnostic, category_title};
use crate::linter::Linter;

/// The hover text for a finding.
pub fn markdown(linter: &Linter, found: &Diagnostic) -> String {
    let Some(category) = found.category else {
        // A directive that suppresses nothing.
        return format!(
            "**{}** ({})\n\n{}",
            found.title,
            found.rule.code(),
            found.note
        );
    };
    let mut out = format!(
        "**{}** — {} ([{}]({}), {})\n\n",
        found.term,
        category_title(category),
        found.rule.code(),
        found.rule.documentation_url(),
        found.severity.as_str()
    );
    out.push_str(&format!("Значение: {}\n\n", found.note));
    out.push_str(&format!("Происхождение: англ. {}\n\n", found.origin));
    if !found.suggestions.is_empty() {
        out.push_str(&format!(
            "Заменить «{}» на: {}\n\n",
            found.matched,
            crate::diagnostic::quoted(&found.suggestions)
        ));
    }
    let lemma = crate::dictionary::normalize_phrase(&found.term);
    let replacements: Vec<&str> = linter
        .lookup(&found.term)
        .into_iter()
        .map(|index| &linter.terms()[index])
        .filter(|term| crate::dictionary::normalize_phrase(&term.lemma) == lemma)
        .flat_map(|term| term.replacements.iter().map(|r| r.text.as_str()))
        .collect();
    if !replacements.is_empty() {
        out.push_str(&format!(
            "Замены в словаре: {}\n\n",
            replacements.join(", ")
        ));
    }
    out.push_str(&format!("`anglint explain {}`", found.term));
    out
}
