//! What ships inside the binary: the dictionaries of `dictionaries/`, and the tables `build.rs`
//! compiled from them ([`crate::tables`]).

/// The dictionaries, one per domain: `(file name, contents)`.
pub const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// [`SOURCES`] compiled and encoded by [`crate::tables::encode`].
pub const TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

/// The matcher over the forms of [`TABLES`]: [`crate::lexicon::matcher`].
pub const MATCHER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.fst"));
