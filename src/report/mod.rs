//! Reporters: render the diagnostics of a run for people (codespan-reporting, in the style of
//! rustc and ruff) or for programs (one JSON document, described field by field in the README;
//! concise lines; GitHub workflow commands; SARIF; reviewdog's rdjson and rdjsonl; GitLab Code
//! Quality). Line and column numbers are computed here,
//! from one [`LineIndex`] per file. One file per output format; this module keeps what they
//! share: positions, per-file reports, totals, and the writer that streams a run.

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod rdjson;
mod sarif;
mod statistics;

pub use human::{Excerpt, human_errors, summary_line};
pub use statistics::Statistics;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
pub use crate::inputs::FileError;
use crate::lines::{Cursor, LineIndex};

/// A 1-based line and column, counted in characters, and the same column counted in UTF-8 bytes
/// from the start of the line (reviewdog's columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub byte_column: usize,
}

/// A fix as one replacement: from the start of its first edit to the end of its last, with the
/// text between the edits kept («Важный митинг прошёл» → «Важная встреча прошла»). For formats
/// that take one replacement per finding (reviewdog's suggestions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    pub start: Position,
    pub end: Position,
    pub text: String,
}

/// A diagnostic with everything a reporter needs from its file: positions of its span and of its
/// fix's edits, and the lines people see. A report keeps these, not the file's text, so the
/// memory of a run grows with the findings, not with the size of the tree.
#[derive(Clone, Debug)]
pub struct Located {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    /// Start and end of each edit of the fix, in the order of `diagnostic.fix.edits`.
    pub edits: Vec<(Position, Position)>,
    /// The fix as one replacement; `None` without a fix.
    pub replacement: Option<Replacement>,
    /// The lines people see; only for reports rendered for people (see [`FileReport::new`]).
    pub excerpt: Option<Excerpt>,
}

/// The diagnostics of one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    pub diagnostics: Vec<Located>,
    /// How many fixes were applied (or, with `--diff`, would be).
    pub fixed: usize,
}

impl FileReport {
    /// The report of `diagnostics` found in `text` (the text after fixes, when fixes were
    /// applied): positions are computed here, once, and the text is not kept. The source lines
    /// are copied only with `excerpts`, for output rendered for people; machine formats need
    /// positions alone.
    pub fn new(
        path: String,
        text: &str,
        diagnostics: Vec<Diagnostic>,
        fixed: usize,
        excerpts: bool,
    ) -> Self {
        let index = LineIndex::new(text);
        let mut cursor = Cursor::new(&index, text);
        let mut at = |offset: usize| {
            let offset = offset.min(text.len());
            let (line, column) = cursor.line_column(offset);
            let byte_column = offset - index.line_start(line) + 1;
            Position {
                line,
                column,
                byte_column,
            }
        };
        let diagnostics = diagnostics
            .into_iter()
            .map(|diagnostic| {
                let start = at(diagnostic.span.start);
                let end = at(diagnostic.span.end);
                let edits: Vec<(Position, Position)> = diagnostic
                    .fix
                    .iter()
                    .flat_map(|fix| &fix.edits)
                    .map(|edit| (at(edit.span.start), at(edit.span.end)))
                    .collect();
                let replacement = diagnostic.fix.as_ref().and_then(|fix| {
                    let text = joined(text, &fix.edits)?;
                    Some(Replacement {
                        start: edits.first()?.0,
                        end: edits.last()?.1,
                        text,
                    })
                });
                let excerpt = excerpts.then(|| Excerpt::new(text, &index, &diagnostic.span, start));
                Located {
                    diagnostic,
                    start,
                    end,
                    edits,
                    replacement,
                    excerpt,
                }
            })
            .collect();
        FileReport {
            path,
            diagnostics,
            fixed,
        }
    }
}

/// The text that replaces the stretch from the first edit to the last: the replacements with the
/// original text between them. `None` when the edits are out of order or outside the text.
fn joined(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out = String::new();
    let mut previous: Option<usize> = None;
    for edit in edits {
        if let Some(end) = previous {
            out.push_str(text.get(end..edit.span.start)?);
        }
        out.push_str(&edit.replacement);
        previous = Some(edit.span.end);
    }
    previous.map(|_| out)
}

/// Totals of a run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_diagnostics: usize,
    pub diagnostics: usize,
    /// Diagnostics with a safe fix (`--fix` applies them).
    pub fixable: usize,
    /// Diagnostics with an unsafe fix (`--unsafe-fixes` applies them too).
    pub unsafe_fixable: usize,
    pub fixed: usize,
    pub errors: usize,
    pub info: usize,
    pub warning: usize,
    pub error: usize,
}

impl Summary {
    /// Counts one more linted file.
    pub fn add(&mut self, report: &FileReport) {
        self.files_checked += 1;
        self.fixed += report.fixed;
        if !report.diagnostics.is_empty() {
            self.files_with_diagnostics += 1;
        }
        for located in &report.diagnostics {
            let diagnostic = &located.diagnostic;
            self.diagnostics += 1;
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                _ => {}
            }
            match diagnostic.severity {
                Severity::Info => self.info += 1,
                Severity::Warning => self.warning += 1,
                Severity::Error => self.error += 1,
            }
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// For people: each finding with its source line (codespan-reporting), then a summary line.
    Human,
    /// One JSON document (described in the README).
    Json,
    /// `path:line:column: CODE message`, one line per finding.
    Concise,
    /// GitHub Actions workflow commands, columns in characters.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// reviewdog's Diagnostic Format: one `DiagnosticResult` document.
    Rdjson,
    /// reviewdog's Diagnostic Format: one `Diagnostic` per line.
    Rdjsonl,
    /// GitLab Code Quality: an array of issues with stable fingerprints.
    Gitlab,
}

/// Writes a run's report file by file, as the files are linted: a run keeps its totals, not its
/// findings, so memory does not grow with the tree. `finish` closes the document.
pub struct Reporter<'w> {
    out: &'w mut dyn WriteColor,
    style: Style,
    summary: Summary,
    started: bool,
    /// Items written into the current JSON array (for the commas).
    items: usize,
    /// No summary line (`--quiet`).
    quiet: bool,
    /// Counts instead of the findings (`--statistics`).
    statistics: Option<Statistics>,
}

/// Indents every line after the first of pretty JSON by `spaces`.
fn indented(value: &impl Serialize, spaces: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", " ".repeat(spaces))))
}

impl<'w> Reporter<'w> {
    pub fn new(out: &'w mut dyn WriteColor, style: Style) -> Self {
        Reporter {
            out,
            style,
            summary: Summary::default(),
            started: false,
            items: 0,
            quiet: false,
            statistics: None,
        }
    }

    /// Without the summary line of the report for people (`--quiet`).
    pub fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// Counts by rule and term instead of the findings (`--statistics`): a JSON array for
    /// [`Style::Json`], a table otherwise.
    pub fn statistics(mut self) -> Self {
        self.statistics = Some(Statistics::default());
        self
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        match self.style {
            Style::Json => json::start(self.out),
            Style::Sarif => sarif::start(self.out),
            Style::Rdjson => rdjson::start(self.out),
            Style::Gitlab => gitlab::start(self.out),
            Style::Human | Style::Concise | Style::Github | Style::Rdjsonl => Ok(()),
        }
    }

    /// The next item of the open JSON array, indented by `spaces`.
    fn item(&mut self, value: &impl Serialize, spaces: usize) -> io::Result<()> {
        let separator = if self.items == 0 { "" } else { "," };
        self.items += 1;
        write!(
            self.out,
            "{separator}\n{}{}",
            " ".repeat(spaces),
            indented(value, spaces)?
        )
    }

    /// Reports one linted file.
    pub fn file(&mut self, report: &FileReport) -> io::Result<()> {
        if let Some(statistics) = &mut self.statistics {
            statistics.add(report);
            self.summary.add(report);
            return Ok(());
        }
        self.start()?;
        self.summary.add(report);
        match self.style {
            Style::Human => human::file(self.out, report),
            Style::Json => {
                for located in &report.diagnostics {
                    self.item(&json::diagnostic(&report.path, located), 4)?;
                }
                Ok(())
            }
            Style::Concise => concise::file(self.out, report),
            Style::Github => {
                for located in &report.diagnostics {
                    github::annotation(self.out, &report.path, located)?;
                }
                Ok(())
            }
            Style::Sarif => {
                for located in &report.diagnostics {
                    self.item(&sarif::result(&report.path, located), 8)?;
                }
                Ok(())
            }
            Style::Rdjson => {
                for located in &report.diagnostics {
                    self.item(&rdjson::diagnostic(&report.path, located), 4)?;
                }
                Ok(())
            }
            Style::Rdjsonl => {
                for located in &report.diagnostics {
                    rdjson::line(self.out, &report.path, located)?;
                }
                Ok(())
            }
            Style::Gitlab => {
                for issue in gitlab::issues(report) {
                    self.item(&issue, 2)?;
                }
                Ok(())
            }
        }
    }

    /// Ends the report: the files that could not be linted and the totals. Returns the totals.
    pub fn finish(mut self, errors: &[FileError]) -> io::Result<Summary> {
        self.summary.errors = errors.len();
        if let Some(statistics) = self.statistics.take() {
            if self.style == Style::Json {
                statistics.json(self.out)?;
            } else {
                statistics.text(self.out)?;
                if self.style == Style::Human && !self.quiet {
                    writeln!(self.out, "{}", summary_line(&self.summary))?;
                }
            }
            self.out.flush()?;
            return Ok(self.summary);
        }
        self.start()?;
        let items = self.items;
        match self.style {
            Style::Human if self.quiet => {}
            Style::Human => writeln!(self.out, "{}", summary_line(&self.summary))?,
            Style::Json => json::finish(self.out, items, errors, &self.summary)?,
            Style::Concise => concise::errors(self.out, errors)?,
            Style::Github => github::errors(self.out, errors)?,
            Style::Sarif => sarif::finish(self.out, items, errors)?,
            Style::Rdjson => rdjson::finish(self.out, items, errors, &self.summary)?,
            Style::Rdjsonl => rdjson::error_lines(self.out, errors)?,
            Style::Gitlab => gitlab::finish(self.out, items, errors)?,
        }
        self.out.flush()?;
        Ok(self.summary)
    }
}

/// A whole report at once: every file, then `finish`.
pub fn write(
    out: &mut dyn WriteColor,
    style: Style,
    reports: &[FileReport],
    errors: &[FileError],
) -> io::Result<Summary> {
    let mut reporter = Reporter::new(out, style);
    for report in reports {
        reporter.file(report)?;
    }
    reporter.finish(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_without_excerpts_still_shows_the_word_and_its_place() {
        let linter = crate::Linter::builtin().unwrap();
        let text = "Первая строка.\nМы выкатили новую фичу.\n";
        let diagnostics = linter.lint(text, crate::FileKind::Text);
        let render = |excerpts: bool| {
            let report = FileReport::new("a.md".into(), text, diagnostics.clone(), 0, excerpts);
            let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
            write(&mut out, Style::Human, &[report], &[]).unwrap();
            String::from_utf8(out.into_inner()).unwrap()
        };
        let whole = render(true);
        assert!(whole.contains("a.md:2:19") && whole.contains("Мы выкатили новую фичу."));
        let bare = render(false);
        assert!(
            bare.contains("a.md:2:19") && bare.contains("│ фичу"),
            "{bare}"
        );
        assert!(!bare.contains("выкатили"), "{bare}");
    }

    #[test]
    fn summary_lines() {
        let summary = Summary {
            files_checked: 5,
            files_with_diagnostics: 2,
            diagnostics: 3,
            warning: 2,
            info: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&summary),
            "Найдено 3 замечания (2 предупреждения, 1 совет) в 2 файлах; проверено 5 файлов."
        );
        assert_eq!(
            summary_line(&Summary {
                files_checked: 1,
                ..Summary::default()
            }),
            "Замечаний нет: проверено 1 файл."
        );
    }
}
