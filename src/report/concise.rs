//! Concise lines, one per finding: `path:line:column: CODE message`, as ruff and compilers
//! print them for grep and editors' quick-fix lists.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{FileError, FileReport};

pub(super) fn file(out: &mut dyn WriteColor, report: &FileReport) -> io::Result<()> {
    for located in &report.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            report.path,
            located.start.line,
            located.start.column,
            located.diagnostic.rule.code(),
            located.diagnostic.message
        )?;
    }
    Ok(())
}

pub(super) fn errors(out: &mut dyn WriteColor, errors: &[FileError]) -> io::Result<()> {
    for error in errors {
        writeln!(out, "{}: ошибка: {}", error.path, error.message)?;
    }
    Ok(())
}
