//! One JSON document: `version`, `diagnostics` (one object per finding, written as files are
//! linted), `errors` and `summary`. Described field by field in the README.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{FileError, Located, Summary, indented};

/// Opens the document and its array of diagnostics.
pub(super) fn start(out: &mut dyn WriteColor) -> io::Result<()> {
    write!(out, "{{\n  \"version\": 1,\n  \"diagnostics\": [")
}

/// Closes the array of `items` diagnostics, then the errors and the totals.
pub(super) fn finish(
    out: &mut dyn WriteColor,
    items: usize,
    errors: &[FileError],
    summary: &Summary,
) -> io::Result<()> {
    write!(
        out,
        "{}],\n  \"errors\": {},\n  \"summary\": {}\n}}\n",
        if items == 0 { "" } else { "\n  " },
        indented(&errors, 2)?,
        indented(summary, 2)?
    )
}

#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    matched: &'a str,
    term: &'a str,
    origin: &'a str,
    category: &'static str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    suggestions: Vec<JsonSuggestion<'a>>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    text: &'a str,
}

pub(super) fn diagnostic<'a>(path: &'a str, located: &'a Located) -> JsonDiagnostic<'a> {
    let diagnostic = &located.diagnostic;
    JsonDiagnostic {
        path,
        code: diagnostic.rule.code(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        matched: &diagnostic.matched,
        term: diagnostic.lemma().unwrap_or_default(),
        origin: diagnostic
            .term
            .as_ref()
            .map_or("", |term| term.origin.as_str()),
        category: diagnostic.category_name(),
        line: located.start.line,
        column: located.start.column,
        end_line: located.end.line,
        end_column: located.end.column,
        byte_start: diagnostic.span.start,
        byte_end: diagnostic.span.end,
        suggestions: diagnostic
            .suggestions()
            .iter()
            .map(|suggestion| JsonSuggestion {
                text: &suggestion.text,
            })
            .collect(),
        fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability.as_str(),
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    byte_start: edit.span.start,
                    byte_end: edit.span.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
    }
}
