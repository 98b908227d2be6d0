//! Applying fixes to a text, as ruff does: fixes at or above an applicability, in order of
//! position, a fix that overlaps one already taken skipped, the whole repeated on the result
//! until nothing changes. Only the bytes of the edits change: line endings, a byte order mark,
//! code and everything else stay as they were.

use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit};
use crate::linter::{Linter, Policy};
use crate::prose::FileKind;

/// The text after applying the fixes of `diagnostics` that are at least `threshold`, and how
/// many fixes were applied.
pub fn apply_once(
    text: &str,
    diagnostics: &[Diagnostic],
    threshold: Applicability,
) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .filter(|fix| fix.applicability >= threshold && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits[0].span.start);
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let overlaps = edits.iter().any(|edit| {
            taken
                .iter()
                .any(|other| edit.span.start < other.span.end && other.span.start < edit.span.end)
        });
        let valid = edits.iter().all(|edit| {
            edit.span.start <= edit.span.end
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end)
        });
        if overlaps || !valid {
            continue;
        }
        taken.extend(edits);
        applied += 1;
    }
    taken.sort_by_key(|edit| edit.span.start);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for edit in taken {
        out.push_str(&text[last..edit.span.start]);
        out.push_str(&edit.replacement);
        last = edit.span.end;
    }
    out.push_str(&text[last..]);
    (out, applied)
}

/// The result of fixing a text.
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// Most passes over one text: each pass replaces jargon with Russian words, so a second pass
/// rarely has anything to do.
const PASSES: usize = 10;

/// Lints (default settings) and fixes `text` until no fix at or above `threshold` is left.
pub fn fix(linter: &Linter, text: &str, kind: FileKind, threshold: Applicability) -> Fixed {
    fix_with(linter, text, kind, &Policy::default(), threshold)
}

/// Lints under `policy` and fixes `text` until no fix at or above `threshold` is left: only what
/// is reported is fixed.
pub fn fix_with(
    linter: &Linter,
    text: &str,
    kind: FileKind,
    policy: &Policy,
    threshold: Applicability,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut diagnostics = linter.lint_with(&current, kind, policy);
    for _ in 0..PASSES {
        let (next, count) = apply_once(&current, &diagnostics, threshold);
        if count == 0 || next == current {
            break;
        }
        applied += count;
        current = next;
        diagnostics = linter.lint_with(&current, kind, policy);
    }
    Fixed {
        text: current,
        applied,
        remaining: diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Fix;

    fn diagnostic(edits: &[(usize, usize, &str)], applicability: Applicability) -> Diagnostic {
        let linter = Linter::builtin().unwrap();
        let mut diagnostic = linter.lint("фича", FileKind::Text).remove(0);
        diagnostic.fix = Some(Fix {
            applicability,
            edits: edits
                .iter()
                .map(|&(start, end, replacement)| Edit {
                    span: start..end,
                    replacement: replacement.into(),
                })
                .collect(),
        });
        diagnostic
    }

    #[test]
    fn applies_in_order_skipping_overlaps_and_weaker_fixes() {
        let text = "abcdef";
        let diagnostics = vec![
            diagnostic(&[(4, 5, "E")], Applicability::Safe),
            diagnostic(&[(0, 1, "A"), (2, 3, "C")], Applicability::Safe),
            diagnostic(&[(2, 4, "X")], Applicability::Safe),
            diagnostic(&[(5, 6, "F")], Applicability::Unsafe),
        ];
        assert_eq!(
            apply_once(text, &diagnostics, Applicability::Safe),
            ("AbCdEf".into(), 2)
        );
        assert_eq!(
            apply_once(text, &diagnostics, Applicability::Unsafe),
            ("AbCdEF".into(), 3)
        );
    }
}
