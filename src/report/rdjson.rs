//! reviewdog's Diagnostic Format (`reviewdog.proto` of reviewdog's `proto/rdf`): `rdjson`, one
//! `DiagnosticResult` document, and `rdjsonl`, one `Diagnostic` per line. Lines and columns are
//! 1-based and columns count UTF-8 bytes, as the format says («the column of b in 'a𐐀b' is 6»);
//! ranges are half-open. A finding with a safe fix carries it as one suggestion, which reviewdog
//! turns into a suggested change on GitHub; unsafe and display-only fixes are left out. Files
//! that could not be linted are diagnostics of severity `ERROR` without a range.

use std::borrow::Cow;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{FileError, Located, Position, Summary, indented};
use crate::diagnostic::{Applicability, Severity};

const SOURCE: Source = Source {
    name: "anglint",
    url: "https://github.com/anglint/anglint",
};

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
pub(super) struct Diagnostic<'a> {
    message: Cow<'a, str>,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<Code>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
}

#[derive(Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct Point {
    line: usize,
    column: usize,
}

impl Range {
    fn new(start: Position, end: Position) -> Self {
        let point = |position: Position| Point {
            line: position.line,
            column: position.byte_column,
        };
        Range {
            start: point(start),
            end: point(end),
        }
    }
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// One finding as a reviewdog diagnostic.
pub(super) fn diagnostic<'a>(path: &'a str, located: &'a Located) -> Diagnostic<'a> {
    let finding = &located.diagnostic;
    let safe = finding
        .fix
        .as_ref()
        .is_some_and(|fix| fix.applicability == Applicability::Safe);
    let suggestions = located
        .replacement
        .iter()
        .filter(|_| safe)
        .map(|replacement| Suggestion {
            range: Range::new(replacement.start, replacement.end),
            text: &replacement.text,
        })
        .collect();
    Diagnostic {
        message: Cow::Borrowed(&finding.message),
        location: Location {
            path,
            range: Some(Range::new(located.start, located.end)),
        },
        severity: severity(finding.severity),
        source: SOURCE,
        code: Some(Code {
            value: finding.rule.code(),
            url: finding.rule.documentation_url(),
        }),
        suggestions,
    }
}

/// A file that could not be linted, as a diagnostic without a range.
fn error(error: &FileError) -> Diagnostic<'_> {
    Diagnostic {
        message: Cow::Owned(format!("не удалось проверить файл: {}", error.message)),
        location: Location {
            path: &error.path,
            range: None,
        },
        severity: "ERROR",
        source: SOURCE,
        code: None,
        suggestions: Vec::new(),
    }
}

/// Opens the `DiagnosticResult` and its array of diagnostics.
pub(super) fn start(out: &mut dyn WriteColor) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"source\": {},\n  \"diagnostics\": [",
        indented(&SOURCE, 2)?
    )
}

/// Closes the array (`items` diagnostics so far) after the files that could not be linted, with
/// the run's highest severity.
pub(super) fn finish(
    out: &mut dyn WriteColor,
    items: usize,
    errors: &[FileError],
    summary: &Summary,
) -> io::Result<()> {
    let mut items = items;
    for failed in errors {
        let separator = if items == 0 { "" } else { "," };
        write!(out, "{separator}\n    {}", indented(&error(failed), 4)?)?;
        items += 1;
    }
    let highest = if summary.error > 0 || !errors.is_empty() {
        Some(Severity::Error)
    } else if summary.warning > 0 {
        Some(Severity::Warning)
    } else if summary.info > 0 {
        Some(Severity::Info)
    } else {
        None
    };
    write!(out, "{}]", if items == 0 { "" } else { "\n  " })?;
    if let Some(highest) = highest {
        write!(out, ",\n  \"severity\": \"{}\"", severity(highest))?;
    }
    writeln!(out, "\n}}")
}

/// `rdjsonl`: one finding, one line.
pub(super) fn line(out: &mut dyn WriteColor, path: &str, located: &Located) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &diagnostic(path, located))?;
    writeln!(out)
}

/// `rdjsonl`: the files that could not be linted, one line each.
pub(super) fn error_lines(out: &mut dyn WriteColor, errors: &[FileError]) -> io::Result<()> {
    for failed in errors {
        serde_json::to_writer(&mut *out, &error(failed))?;
        writeln!(out)?;
    }
    Ok(())
}
