//! anglint finds English jargon and anglicisms in Russian texts — «фича», «заапрувить», «лиды»,
//! «KPI» — in every inflected form, and suggests plain Russian words.
//!
//! The library does the work and never prints: build a [`Linter`] once, lint texts, get
//! [`Diagnostic`]s with byte spans. Data flows one way:
//!
//! read → [`prose`] (markdown-aware prose ranges) → [`words`] (segmentation, normalization) →
//! [`lexicon`] (dictionary forms from [`dictionary`] and [`morph`], one automaton) →
//! [`linter`] (collision and context filter) → [`diagnostic`] → [`report`].
//!
//! ```
//! use anglint::{FileKind, Linter};
//!
//! let linter = Linter::builtin().unwrap();
//! let text = "Мы выкатили новую фичу для сейлзов.";
//! let found: Vec<&str> = linter
//!     .lint(text, FileKind::Text)
//!     .iter()
//!     .map(|diagnostic| &text[diagnostic.span.clone()])
//!     .collect();
//! assert_eq!(found, ["фичу", "сейлзов"]);
//! ```

pub(crate) mod agree;
#[cfg(test)]
mod architecture;
pub mod builtin;
pub mod check;
pub mod cited;
pub mod config;
pub mod consistency;
pub mod diagnostic;
pub mod dictionary;
pub mod explain;
pub mod fix;
pub mod format;
pub mod government;
pub(crate) mod inflect;
pub mod inputs;
pub mod lexicon;
pub mod lines;
pub mod linter;
pub mod lsp;
pub mod morph;
pub mod ordered;

pub mod report;

pub(crate) mod suppress;
pub mod tables;
pub mod text;
pub mod validate;
pub mod variants;
pub mod words;
pub mod workspace;

pub use diagnostic::{Category, Severity};
pub use diagnostic::{Diagnostic, Rule, Suggestion};
pub use dictionary::Term;
pub use format::FileKind;
pub use linter::{BuildError, Linter};
