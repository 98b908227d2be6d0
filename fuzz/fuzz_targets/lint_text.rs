//! Arbitrary bytes linted as plain text: no panic, every span exact.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = common::text_of(data) {
        common::lint_and_check(&text, anglint::FileKind::Text);
    }
});
