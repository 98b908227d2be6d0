//! GitHub Actions workflow commands (`::warning file=…,line=…::message`), columns in
//! characters: annotations on the changed lines of a pull request.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{FileError, Located};
use crate::diagnostic::Severity;

/// Escapes the data of a GitHub workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a GitHub workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One GitHub annotation, columns in characters.
pub(super) fn annotation(
    out: &mut dyn WriteColor,
    path: &str,
    located: &Located,
) -> io::Result<()> {
    let diagnostic = &located.diagnostic;
    let (start, end) = (located.start, located.end);
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = diagnostic.message.clone();
    if let Some(first) = diagnostic.suggestions().first() {
        message = format!("{message}\nЗамена: {}", first.text);
    }
    writeln!(
        out,
        "::{level} file={},line={},endLine={},col={},endColumn={},title={}::{}",
        property(path),
        start.line,
        end.line,
        start.column,
        end.column,
        property(&format!(
            "anglint {} ({})",
            diagnostic.rule.code(),
            diagnostic.rule.name()
        )),
        data(&message)
    )
}

/// Files that could not be linted, as error annotations.
pub(super) fn errors(out: &mut dyn WriteColor, errors: &[FileError]) -> io::Result<()> {
    for error in errors {
        writeln!(
            out,
            "::error file={},title=anglint::{}",
            property(&error.path),
            data(&error.message)
        )?;
    }
    Ok(())
}
