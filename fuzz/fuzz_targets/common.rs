//! What every lint target checks: the run does not panic, and every diagnostic points at the text
//! it names.
#![allow(dead_code)]

use std::sync::LazyLock;

use anglint::linter::Policy;
use anglint::{Diagnostic, FileKind, Linter};

/// One linter for the whole fuzzing run: building it takes a fraction of a second.
pub static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::builtin().expect("the built-in dictionaries load"));

/// Bytes as the command line reads them: a byte order mark decides the encoding, else UTF-8.
/// `None` for what the command line reports as unreadable.
pub fn text_of(data: &[u8]) -> Option<String> {
    anglint::inputs::decode_bytes(data.to_vec(), None).ok().map(|decoded| decoded.text)
}

/// Lints `text` and checks every span: inside the text, on character boundaries, ordered, and
/// `matched` equal to the slice it covers; fix edits inside the text and on boundaries.
pub fn lint_and_check(text: &str, kind: FileKind) -> Vec<Diagnostic> {
    let diagnostics = LINTER.lint_with(text, kind, &Policy::default());
    let mut previous = 0;
    for diagnostic in &diagnostics {
        let span = diagnostic.span.clone();
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(&text[span.clone()], diagnostic.matched, "{span:?}");
        assert!(span.start >= previous, "diagnostics out of order");
        previous = span.start;
        if let Some(fix) = &diagnostic.fix {
            for edit in &fix.edits {
                let span = edit.span.clone();
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
    // Reporters: lines and columns from the positions cursor equal the plain line index.
    let index = anglint::lines::LineIndex::new(text);
    let report =
        anglint::report::FileReport::new("fuzz.md".into(), text, diagnostics.clone(), 0, true);
    for located in &report.diagnostics {
        let span = &located.diagnostic.span;
        let start = index.line_column(text, span.start);
        let end = index.line_column(text, span.end);
        assert_eq!((located.start.line, located.start.column), start);
        assert_eq!((located.end.line, located.end.column), end);
        let excerpt = located.excerpt.as_ref().expect("excerpts were asked for");
        assert!(excerpt.span.end <= excerpt.text.len());
        assert!(excerpt.text.is_char_boundary(excerpt.span.start));
        assert!(excerpt.text.is_char_boundary(excerpt.span.end));
    }
    diagnostics
}
