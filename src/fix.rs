//! Applying fixes to a text, as ruff does: fixes at or above an applicability, in order of
//! position, a fix that overlaps one already taken skipped, the whole repeated on the result
//! until nothing changes. Only the bytes of the edits change: line endings, a byte order mark,
//! code and everything else stay as they were.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// One pass of fixes over a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pass {
    /// The text after the pass.
    pub text: String,
    /// How many fixes (diagnostics) were applied.
    pub applied: usize,
    /// The edits made, in order of position, not overlapping: every one of them is an edit of a
    /// reported fix, and nothing else in the text changed.
    pub edits: Vec<Edit>,
}

/// The text after applying the fixes of `diagnostics` that are at least `threshold`: in order of
/// position, a fix with an edit that overlaps an edit already taken is skipped whole.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], threshold: Applicability) -> Pass {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .filter(|fix| fix.applicability >= threshold && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits[0].span.start);
    // Taken edits by start; they never overlap, so only the nearest one before an edit's end
    // can overlap it.
    let mut taken: BTreeMap<usize, &Edit> = BTreeMap::new();
    let overlaps_taken = |taken: &BTreeMap<usize, &Edit>, edit: &Edit| {
        taken
            .range(..edit.span.end.max(edit.span.start + 1))
            .next_back()
            .is_some_and(|(_, other)| {
                other.span.end > edit.span.start
                    || (other.span.start == edit.span.start && edit.span.is_empty())
            })
    };
    let mut applied = 0;
    for edits in fixes {
        let valid = edits.iter().enumerate().all(|(i, edit)| {
            edit.span.start <= edit.span.end
                && edit.span.end <= text.len()
                && text.is_char_boundary(edit.span.start)
                && text.is_char_boundary(edit.span.end)
                && edits[..i].iter().all(|other| {
                    edit.span.end <= other.span.start || other.span.end <= edit.span.start
                })
        });
        if !valid || edits.iter().any(|edit| overlaps_taken(&taken, edit)) {
            continue;
        }
        for edit in edits {
            taken.insert(edit.span.start, edit);
        }
        applied += 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for edit in taken.values() {
        out.push_str(&text[last..edit.span.start]);
        out.push_str(&edit.replacement);
        last = edit.span.end;
    }
    out.push_str(&text[last..]);
    Pass {
        text: out,
        applied,
        edits: taken.into_values().cloned().collect(),
    }
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

/// Fixes `text` until no fix at or above `threshold` is left: `lint` gives the diagnostics of a
/// text (the linter under the file's policy). Only what is reported on `text` is fixed: a later
/// pass takes the fixes of diagnostics at the places reported at first and not fixed yet (a fix
/// skipped for an overlap), never of a diagnostic that a replacement brought about («Софт
/// скилы» → «Софт навыки» must not go on to «Программное обеспечение навыки»).
pub fn fix(
    text: &str,
    threshold: Applicability,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut diagnostics = lint(&current);
    // The reported places not fixed yet, in the coordinates of `current`.
    let mut pending: Vec<Range<usize>> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.fix.is_some())
        .map(|diagnostic| diagnostic.span.clone())
        .collect();
    for _ in 0..PASSES {
        let eligible: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|diagnostic| pending.contains(&diagnostic.span))
            .cloned()
            .collect();
        let pass = apply_once(&current, &eligible, threshold);
        if pass.applied == 0 || pass.text == current {
            break;
        }
        applied += pass.applied;
        pending = shifted(&pending, &pass.edits);
        current = pass.text;
        diagnostics = lint(&current);
    }
    Fixed {
        text: current,
        applied,
        remaining: diagnostics,
    }
}

/// The spans that no edit touched, moved to where they are after the edits (sorted, not
/// overlapping).
fn shifted(spans: &[Range<usize>], edits: &[Edit]) -> Vec<Range<usize>> {
    spans
        .iter()
        .filter(|span| {
            !edits
                .iter()
                .any(|edit| edit.span.start < span.end && span.start < edit.span.end)
        })
        .map(|span| {
            let delta: isize = edits
                .iter()
                .filter(|edit| edit.span.end <= span.start)
                .map(|edit| edit.replacement.len() as isize - edit.span.len() as isize)
                .sum();
            let start = span.start.saturating_add_signed(delta);
            start..start + span.len()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(edits: &[(usize, usize, &str)], applicability: Applicability) -> Diagnostic {
        let mut diagnostic = Diagnostic::unused_suppression(0..1, "a".into(), "anglint-disable");
        diagnostic.fix = Some(crate::diagnostic::Fix {
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
            {
                let pass = apply_once(text, &diagnostics, Applicability::Safe);
                (pass.text, pass.applied)
            },
            ("AbCdEf".into(), 2)
        );
        assert_eq!(
            {
                let pass = apply_once(text, &diagnostics, Applicability::Unsafe);
                (pass.text, pass.applied)
            },
            ("AbCdEF".into(), 3)
        );
    }

    #[test]
    fn spans_move_with_the_edits_before_them_and_touched_ones_go() {
        let edits = [
            Edit {
                span: 2..4,
                replacement: "xyz".into(),
            },
            Edit {
                span: 10..12,
                replacement: String::new(),
            },
        ];
        assert_eq!(
            shifted(&[0..2, 3..5, 6..8, 12..14], &edits),
            vec![0..2, 7..9, 11..13]
        );
    }
}
