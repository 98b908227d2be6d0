//! `anglint lsp`: a language server over stdio, so writers see findings as they type and fix
//! them from the editor. It keeps one linter (dictionary, morphology, automaton) in memory for
//! every document and lints on a worker thread, a changed paragraph at a time.
//!
//! - [`server`]: the loop — documents, debounce, stale results dropped, requests, hover
//!   (the text of [`crate::explain`]); [`server::run`] serves standard input and output;
//! - [`document`]: open documents and their changes;
//! - [`position`]: byte offsets ↔ positions in UTF-8 or UTF-16 (`positionEncoding`);
//! - [`incremental`]: linting only the chunks of a document that changed;
//! - [`convert`]: diagnostics for the protocol;
//! - [`actions`]: quick fixes, «Разрешить в anglint.toml», «Не проверять эту строку», fix all;
//! - [`transport`]: stdio framing, with diagnostics sent as ready JSON;
//! - [`uri`]: `file:` URIs ↔ paths.
//!
//! Built on `lsp-server` and `lsp-types`, the crates of rust-analyzer: a synchronous loop over
//! channels (no async runtime for a CPU-bound linter), the protocol's types kept up to date.

pub mod actions;
pub mod convert;
pub mod document;
pub mod incremental;
pub mod position;
pub mod server;
pub mod transport;
pub mod uri;
