//! The language server lints a document in chunks and keeps the chunks of the previous text:
//! arbitrary bytes as markdown and as text, and the same text edited in the middle, give the
//! diagnostics of linting the whole document.
#![no_main]

use anglint::FileKind;
use anglint::linter::Policy;
use anglint::lsp::incremental::Incremental;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text_of(data) else {
        return;
    };
    let linter = &*common::LINTER;
    for kind in [FileKind::Markdown, FileKind::Text] {
        let mut incremental = Incremental::default();
        let chunked = incremental.lint(linter, &Policy::default(), &text, kind);
        assert_eq!(chunked, linter.lint(&text, kind));
        // An edit in the middle, with the chunks of the first text cached.
        let middle = (text.len() / 2..=text.len())
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(text.len());
        let edited = format!("{}\n\nФича и релиз.\n\n{}", &text[..middle], &text[middle..]);
        let chunked = incremental.lint(linter, &Policy::default(), &edited, kind);
        assert_eq!(chunked, linter.lint(&edited, kind));
    }
});
