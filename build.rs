//! Embeds the built-in dictionaries into the binary: every `dictionaries/*.toml` as text
//! (`$OUT_DIR/builtin.rs`, a list of `(file name, contents)` sorted by name), and the tables
//! compiled from them (`$OUT_DIR/builtin.bin`): terms, forms with readings and the own words
//! for the morphology (`$OUT_DIR/builtin.bin`), and the matcher over the forms
//! (`$OUT_DIR/builtin.fst`), so that a run does not parse, inflect, generate and build at every
//! start.
//!
//! The compiling is the library's own code ([`tables::compile`]), included here by path.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/diagnostic.rs"]
mod diagnostic;

#[allow(dead_code)]
#[path = "src/dictionary.rs"]
mod dictionary;
#[allow(dead_code)]
#[path = "src/inflect.rs"]
mod inflect;
#[allow(dead_code, unused_imports)]
#[path = "src/lexicon.rs"]
mod lexicon;
#[allow(dead_code)]
#[path = "src/lines.rs"]
mod lines;
#[allow(dead_code)]
#[path = "src/morph.rs"]
mod morph;
#[allow(dead_code)]
#[path = "src/tables.rs"]
mod tables;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
#[path = "src/variants.rs"]
mod variants;

/// The library's files this script compiles with.
const MODULES: &[&str] = &[
    "src/dictionary.rs",
    "src/inflect.rs",
    "src/lexicon.rs",
    "src/lines.rs",
    "src/morph.rs",
    "src/tables.rs",
    "src/text.rs",
    "src/variants.rs",
];

fn main() {
    println!("cargo:rerun-if-changed=dictionaries");
    for module in MODULES {
        println!("cargo:rerun-if-changed={module}");
    }
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let directory = Path::new(&root).join("dictionaries");
    let mut files: Vec<_> = fs::read_dir(&directory)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.extension()
                        .is_some_and(|extension| extension == "toml")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("&[\n");
    let mut sources = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .expect("a file has a name")
            .to_string_lossy();
        writeln!(
            code,
            "    (\"dictionaries/{name}\", include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a string succeeds");
        let text =
            fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        sources.push((format!("dictionaries/{name}"), text));
    }
    code.push(']');
    fs::write(Path::new(&out).join("builtin.rs"), code).expect("OUT_DIR is writable");

    let compiled = tables::compile(
        sources
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
    .unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!(
            "the built-in dictionaries have problems:\n{}",
            list.join("\n")
        )
    });
    let tables = compiled.tables();
    let matcher = lexicon::matcher(&tables.terms, &tables.forms).unwrap_or_else(|errors| {
        panic!("{}", errors[0]);
    });
    fs::write(Path::new(&out).join("builtin.bin"), tables::encode(&tables))
        .expect("OUT_DIR is writable");
    fs::write(Path::new(&out).join("builtin.fst"), matcher).expect("OUT_DIR is writable");
}
