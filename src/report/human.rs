//! The report for people: each finding with its source lines (codespan-reporting, in the style
//! of rustc and ruff), files that could not be read, and a summary line in Russian.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files;
use codespan_reporting::term::{
    self,
    termcolor::{Buffer, Color, ColorSpec, WriteColor},
};

use super::{FileError, FileReport, Located, Position, Summary};
use crate::diagnostic::{Severity, quoted};
use crate::lines::LineIndex;
use crate::text::plural;

/// The source lines of a diagnostic as shown to people; a long line is cut around the span.
#[derive(Clone, Debug)]
pub struct Excerpt {
    /// The lines, joined by `\n`, with `…` where a long line was cut.
    pub text: String,
    /// The span within `text`.
    pub span: std::ops::Range<usize>,
    /// Line of the first line of `text`.
    pub line: usize,
    /// Column of the first character of `text` (the `…` of a cut line counts as one before it).
    pub column: usize,
}

/// Bytes from which a line is long: shown cut around the span.
const LONG_LINE: usize = 1024;

/// Characters of a long line kept on each side of a span.
const EXCERPT_CONTEXT: usize = 100;

impl Excerpt {
    /// The matched word alone, where the lines around it were not kept.
    fn of_match(located: &Located) -> Self {
        let matched = &located.diagnostic.matched;
        Excerpt {
            text: matched.clone(),
            span: 0..matched.len(),
            line: located.start.line,
            column: located.start.column,
        }
    }

    pub(super) fn new(
        text: &str,
        index: &LineIndex,
        span: &std::ops::Range<usize>,
        start: Position,
    ) -> Self {
        let last_line = index.line_of(span.end).max(start.line);
        let mut line_start = index.line_start(start.line);
        // The byte order mark is not part of the first line.
        if start.line == 1 && text.starts_with('\u{feff}') {
            line_start = line_start.max(3);
        }
        let line_start = line_start.min(span.start);
        let line_end = index.line_range(text, last_line).end.max(span.end);
        // Lines of ordinary length are shown whole; a long one with at most EXCERPT_CONTEXT
        // characters on each side of the span.
        let (left, right) = if line_end - line_start <= LONG_LINE {
            (line_start, line_end)
        } else {
            let left = text[line_start..span.start]
                .char_indices()
                .rev()
                .nth(EXCERPT_CONTEXT - 1)
                .map_or(line_start, |(at, _)| line_start + at);
            let right = text[span.end..line_end]
                .char_indices()
                .nth(EXCERPT_CONTEXT)
                .map_or(line_end, |(at, _)| span.end + at);
            (left, right)
        };
        let normalize = |part: &str| part.replace("\r\n", "\n").replace('\r', "\n");
        let mut shown = String::new();
        let mut column = start.column - text[left..span.start].chars().count();
        if left > line_start {
            shown.push('…');
            column -= 1;
        }
        let span_start = shown.len() + (span.start - left);
        shown.push_str(&normalize(&text[left..span.end]));
        let span_end = shown.len();
        shown.push_str(&normalize(&text[span.end..right]));
        if right < line_end {
            shown.push('…');
        }
        Excerpt {
            text: shown,
            span: span_start..span_end,
            line: start.line,
            column,
        }
    }
}

/// One excerpt as a codespan "file": line numbers and columns are those of the real file.
struct ExcerptFile<'a> {
    name: &'a str,
    excerpt: &'a Excerpt,
    /// Offsets in the excerpt where its lines start.
    starts: Vec<usize>,
}

impl<'a> ExcerptFile<'a> {
    fn new(name: &'a str, excerpt: &'a Excerpt) -> Self {
        let mut starts = vec![0];
        starts.extend(excerpt.text.match_indices('\n').map(|(at, _)| at + 1));
        ExcerptFile {
            name,
            excerpt,
            starts,
        }
    }
}

impl ExcerptFile<'_> {
    /// Where a 0-based line of the excerpt starts.
    fn line_start(&self, line_index: usize) -> Result<usize, files::Error> {
        self.starts
            .get(line_index)
            .copied()
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.starts.len() - 1,
            })
    }
}

impl<'a> codespan_reporting::files::Files<'a> for ExcerptFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.excerpt.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.starts.partition_point(|&start| start <= byte_index) - 1)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.excerpt.line + line_index)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let start = self.line_start(line_index)?;
        let counted = self
            .excerpt
            .text
            .get(start..byte_index)
            .map_or(0, |part| part.chars().count());
        Ok(if line_index == 0 {
            self.excerpt.column + counted
        } else {
            counted + 1
        })
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        let start = self.line_start(line_index)?;
        let end = self
            .starts
            .get(line_index + 1)
            .map_or(self.excerpt.text.len(), |&next| next);
        Ok(start..end)
    }
}

/// Renders the diagnostics of one file for people.
pub(super) fn file(out: &mut dyn WriteColor, report: &FileReport) -> io::Result<()> {
    let config = term::Config::default();
    for located in &report.diagnostics {
        let diagnostic = &located.diagnostic;
        let fallback;
        let excerpt = match &located.excerpt {
            Some(excerpt) => excerpt,
            None => {
                fallback = Excerpt::of_match(located);
                &fallback
            }
        };
        let file = ExcerptFile::new(&report.path, excerpt);
        let severity = match diagnostic.severity {
            Severity::Info => RenderedSeverity::Note,
            Severity::Warning => RenderedSeverity::Warning,
            Severity::Error => RenderedSeverity::Error,
        };
        let label = if diagnostic.suggestions().is_empty() {
            String::new()
        } else {
            format!("замените на {}", quoted(diagnostic.suggestions()))
        };
        let note = match diagnostic.lemma() {
            Some(lemma) => format!("{lemma} — {}", diagnostic.note),
            None => diagnostic.note.clone(),
        };
        let rendered = Rendered::new(severity)
            .with_code(diagnostic.rule.code())
            .with_message(diagnostic.title.clone())
            .with_labels(vec![
                Label::primary((), excerpt.span.clone()).with_message(label),
            ])
            .with_notes(vec![note]);
        // codespan writes the level in English at the start of the header (`warning[AL001]`):
        // rendered apart, the header gets the level's Russian word.
        let mut buffer = if out.supports_color() {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        term::emit_to_write_style(&mut buffer, &config, &file, &rendered).map_err(io_error)?;
        let english = match severity {
            RenderedSeverity::Note => "note[",
            RenderedSeverity::Warning => "warning[",
            _ => "error[",
        };
        let bytes = buffer.into_inner();
        match memchr::memmem::find(&bytes, english.as_bytes()) {
            Some(at) => {
                out.write_all(&bytes[..at])?;
                write!(out, "{}[", diagnostic.severity.title())?;
                out.write_all(&bytes[at + english.len()..])?;
            }
            None => out.write_all(&bytes)?,
        }
    }
    Ok(())
}

/// A rendering error as an I/O error, keeping the kind of a failed write: a closed pipe
/// (`anglint check | head`) must stay a closed pipe for the caller to end quietly.
fn io_error(error: files::Error) -> io::Error {
    match error {
        files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

/// Renders the files that could not be linted, one line each: «ошибка: путь: что случилось».
pub fn human_errors(out: &mut dyn WriteColor, errors: &[FileError]) -> io::Result<()> {
    let mut red = ColorSpec::new();
    red.set_fg(Some(Color::Red)).set_bold(true);
    for error in errors {
        out.set_color(&red)?;
        write!(out, "ошибка")?;
        out.reset()?;
        writeln!(out, ": {}: {}", error.path, error.message)?;
    }
    Ok(())
}

/// «Найдено 3 замечания (2 предупреждения, 1 сведение) в 2 файлах; проверено файлов: 5.»
pub fn summary_line(summary: &Summary) -> String {
    let checked = format!(
        "проверено {} {}",
        summary.files_checked,
        plural(summary.files_checked, ["файл", "файла", "файлов"])
    );
    let mut line = if summary.diagnostics == 0 {
        format!("Замечаний нет: {checked}")
    } else {
        let mut parts = Vec::new();
        for (count, forms) in [
            (summary.error, ["ошибка", "ошибки", "ошибок"]),
            (
                summary.warning,
                ["предупреждение", "предупреждения", "предупреждений"],
            ),
            (summary.info, ["совет", "совета", "советов"]),
        ] {
            if count > 0 {
                parts.push(format!("{count} {}", plural(count, forms)));
            }
        }
        format!(
            "Найдено {} {} ({}) в {} {}; {checked}",
            summary.diagnostics,
            plural(summary.diagnostics, ["замечание", "замечания", "замечаний"]),
            parts.join(", "),
            summary.files_with_diagnostics,
            plural(
                summary.files_with_diagnostics,
                ["файле", "файлах", "файлах"]
            ),
        )
    };
    if summary.fixable + summary.unsafe_fixable > 0 {
        line.push_str(&format!(
            "; исправить автоматически: {} (--fix)",
            summary.fixable
        ));
        if summary.unsafe_fixable > 0 {
            line.push_str(&format!(
                ", ещё {} (--unsafe-fixes)",
                summary.unsafe_fixable
            ));
        }
    }
    if summary.fixed > 0 {
        line = format!(
            "Исправлено {} {}. {line}",
            summary.fixed,
            plural(summary.fixed, ["замечание", "замечания", "замечаний"])
        );
    }
    if summary.errors > 0 {
        line.push_str(&format!(
            "; не удалось проверить {} {}",
            summary.errors,
            plural(summary.errors, ["файл", "файла", "файлов"])
        ));
    }
    line.push('.');
    line
}
