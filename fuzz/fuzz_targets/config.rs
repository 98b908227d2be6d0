//! Arbitrary bytes as `anglint.toml` and as a dictionary file: an error or a value, never a panic;
//! a configuration that parses gives a policy or a list of problems.
#![no_main]

use std::path::Path;

use anglint::config::Config;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = Config::parse(Path::new("/docs/anglint.toml"), source) {
        let file = Path::new("/docs/crm/leads.md");
        let _ = config.excludes(file);
        let settings = config.settings_for(file);
        let _ = common::LINTER.policy(&settings);
    }
    if let Err(errors) = anglint::dictionary::parse("team.toml", source) {
        for error in errors {
            assert!(error.location.line >= 1 && error.location.column >= 1);
        }
    }
});
