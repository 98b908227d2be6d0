//! `--fix` on arbitrary text: every edit made is an edit of a reported fix, nothing else changes,
//! line endings stay, and fixing the fixed text changes nothing (idempotence).
#![no_main]

use anglint::FileKind;
use anglint::fix::apply_once;
use anglint::diagnostic::Applicability;
use anglint::linter::Policy;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = common::text_of(rest) else {
        return;
    };
    let kind = if selector & 1 == 0 {
        FileKind::Markdown
    } else {
        FileKind::Text
    };
    let threshold = if selector & 2 == 0 {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let diagnostics = common::lint_and_check(&text, kind);

    // One pass: only reported edits, and the text between them unchanged.
    let pass = apply_once(&text, &diagnostics, threshold);
    let reported: Vec<&anglint::diagnostic::Edit> = diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .filter(|fix| fix.applicability >= threshold)
        .flat_map(|fix| &fix.edits)
        .collect();
    let mut rebuilt = String::new();
    let mut last = 0;
    for edit in &pass.edits {
        assert!(reported.contains(&edit), "an edit nobody reported: {edit:?}");
        assert!(edit.span.start >= last, "overlapping edits");
        rebuilt.push_str(&text[last..edit.span.start]);
        rebuilt.push_str(&edit.replacement);
        last = edit.span.end;
    }
    rebuilt.push_str(&text[last..]);
    assert_eq!(rebuilt, pass.text);

    // To a fixed point, and a second run changes nothing.
    let policy = Policy::default();
    let fixed = common::LINTER.fix(&text, kind, &policy, threshold);
    for ending in ["\n", "\r"] {
        assert_eq!(text.matches(ending).count(), fixed.text.matches(ending).count());
    }
    let again = common::LINTER.fix(&fixed.text, kind, &policy, threshold);
    assert_eq!(again.text, fixed.text, "--fix is not idempotent");
});
