//! Reporters: render the diagnostics of a run for people (codespan-reporting, in the style of
//! rustc and ruff) or for programs (one JSON document, described field by field in the README).
//! Line and column numbers are computed here, from one [`LineIndex`] per file.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files;
use codespan_reporting::term::{
    self,
    termcolor::{Color, ColorSpec, WriteColor},
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, quoted};
use crate::dictionary::Severity;
use crate::fix::Applicability;
use crate::lines::{Cursor, LineIndex};

/// A 1-based line and column, counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
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
    /// The lines people see; only for reports rendered for people (see [`FileReport::new`]).
    pub excerpt: Option<Excerpt>,
}

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

    fn new(text: &str, index: &LineIndex, span: &std::ops::Range<usize>, start: Position) -> Self {
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
            let (line, column) = cursor.line_column(offset);
            Position { line, column }
        };
        let diagnostics = diagnostics
            .into_iter()
            .map(|diagnostic| {
                let start = at(diagnostic.span.start);
                let end = at(diagnostic.span.end);
                let edits = diagnostic
                    .fix
                    .iter()
                    .flat_map(|fix| &fix.edits)
                    .map(|edit| (at(edit.span.start), at(edit.span.end)))
                    .collect();
                let excerpt = excerpts.then(|| Excerpt::new(text, &index, &diagnostic.span, start));
                Located {
                    diagnostic,
                    start,
                    end,
                    edits,
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

/// A file that could not be linted.
#[derive(Clone, Debug, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
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

/// Russian plural: `plural(5, ["файл", "файла", "файлов"])` is «файлов».
pub fn plural(n: usize, forms: [&'static str; 3]) -> &'static str {
    let (last, tens) = (n % 10, n % 100);
    if last == 1 && tens != 11 {
        forms[0]
    } else if (2..=4).contains(&last) && !(12..=14).contains(&tens) {
        forms[1]
    } else {
        forms[2]
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
fn human_file(out: &mut dyn WriteColor, report: &FileReport) -> io::Result<()> {
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
        let label = if diagnostic.suggestions.is_empty() {
            String::new()
        } else {
            format!("замените на {}", quoted(&diagnostic.suggestions))
        };
        let rendered = Rendered::new(severity)
            .with_code(diagnostic.rule.code())
            .with_message(diagnostic.title.clone())
            .with_labels(vec![
                Label::primary((), excerpt.span.clone()).with_message(label),
            ])
            .with_notes(vec![format!("{} — {}", diagnostic.term, diagnostic.note)]);
        term::emit_to_write_style(out, &config, &file, &rendered)
            .map_err(|error| io::Error::other(error.to_string()))?;
    }
    Ok(())
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
}

/// Indents every line after the first of pretty JSON by `spaces`.
fn indented(value: &impl Serialize, spaces: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", " ".repeat(spaces))))
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl<'w> Reporter<'w> {
    pub fn new(out: &'w mut dyn WriteColor, style: Style) -> Self {
        Reporter {
            out,
            style,
            summary: Summary::default(),
            started: false,
            items: 0,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        match self.style {
            Style::Json => write!(self.out, "{{\n  \"version\": 1,\n  \"diagnostics\": ["),
            Style::Sarif => {
                use crate::diagnostic::Rule;
                let rules: Vec<serde_json::Value> = Rule::ALL
                    .iter()
                    .map(|rule| {
                        let explanation = rule.explanation();
                        serde_json::json!({
                            "id": rule.code(),
                            "name": rule.name(),
                            "shortDescription": { "text": explanation.lines().next().unwrap_or_default() },
                            "fullDescription": { "text": explanation },
                            "defaultConfiguration": { "level": sarif_level(rule.default_severity()) },
                        })
                    })
                    .collect();
                let tool = serde_json::json!({
                    "driver": {
                        "name": "anglint",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "https://github.com/anglint/anglint",
                        "rules": rules,
                    }
                });
                write!(
                    self.out,
                    "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
                    indented(&tool, 6)?
                )
            }
            _ => Ok(()),
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
        self.start()?;
        self.summary.add(report);
        match self.style {
            Style::Human => human_file(self.out, report),
            Style::Json => {
                for located in &report.diagnostics {
                    self.item(&json_diagnostic(&report.path, located), 4)?;
                }
                Ok(())
            }
            Style::Concise => {
                for located in &report.diagnostics {
                    writeln!(
                        self.out,
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
            Style::Github => {
                for located in &report.diagnostics {
                    github_annotation(self.out, &report.path, located)?;
                }
                Ok(())
            }
            Style::Sarif => {
                for located in &report.diagnostics {
                    self.item(&sarif_result(&report.path, located), 8)?;
                }
                Ok(())
            }
        }
    }

    /// Ends the report: the files that could not be linted and the totals. Returns the totals.
    pub fn finish(mut self, errors: &[FileError]) -> io::Result<Summary> {
        self.start()?;
        self.summary.errors = errors.len();
        match self.style {
            Style::Human => writeln!(self.out, "{}", summary_line(&self.summary))?,
            Style::Json => write!(
                self.out,
                "{}],\n  \"errors\": {},\n  \"summary\": {}\n}}\n",
                if self.items == 0 { "" } else { "\n  " },
                indented(&errors, 2)?,
                indented(&self.summary, 2)?
            )?,
            Style::Concise => {
                for error in errors {
                    writeln!(self.out, "{}: ошибка: {}", error.path, error.message)?;
                }
            }
            Style::Github => {
                for error in errors {
                    writeln!(
                        self.out,
                        "::error file={},title=anglint::{}",
                        github_property(&error.path),
                        github_data(&error.message)
                    )?;
                }
            }
            Style::Sarif => {
                let notifications: Vec<serde_json::Value> = errors
                    .iter()
                    .map(|error| {
                        serde_json::json!({
                            "level": "error",
                            "message": { "text": format!("{}: {}", error.path, error.message) },
                        })
                    })
                    .collect();
                let invocations = serde_json::json!([{
                    "executionSuccessful": errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }]);
                write!(
                    self.out,
                    "{}],\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
                    if self.items == 0 { "" } else { "\n      " },
                    indented(&invocations, 6)?
                )?;
            }
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

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
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

fn json_diagnostic<'a>(path: &'a str, located: &'a Located) -> JsonDiagnostic<'a> {
    let diagnostic = &located.diagnostic;
    JsonDiagnostic {
        path,
        code: diagnostic.rule.code(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        matched: &diagnostic.matched,
        term: &diagnostic.term,
        origin: &diagnostic.origin,
        category: diagnostic.category_name(),
        line: located.start.line,
        column: located.start.column,
        end_line: located.end.line,
        end_column: located.end.column,
        byte_start: diagnostic.span.start,
        byte_end: diagnostic.span.end,
        suggestions: diagnostic
            .suggestions
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

/// Escapes the data of a GitHub workflow command.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a GitHub workflow command.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One GitHub annotation, columns in characters.
fn github_annotation(out: &mut dyn WriteColor, path: &str, located: &Located) -> io::Result<()> {
    let diagnostic = &located.diagnostic;
    let (start, end) = (located.start, located.end);
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = diagnostic.message.clone();
    if let Some(first) = diagnostic.suggestions.first() {
        message = format!("{message}\nЗамена: {}", first.text);
    }
    writeln!(
        out,
        "::{level} file={},line={},endLine={},col={},endColumn={},title={}::{}",
        github_property(path),
        start.line,
        end.line,
        start.column,
        end.column,
        github_property(&format!(
            "anglint {} ({})",
            diagnostic.rule.code(),
            diagnostic.rule.name()
        )),
        github_data(&message)
    )
}

/// One SARIF result: the rule, the level, the region in code points, the fix.
fn sarif_result(path: &str, located: &Located) -> serde_json::Value {
    use crate::diagnostic::Rule;
    use serde_json::{Value, json};
    let diagnostic = &located.diagnostic;
    let region = |(start, end): (Position, Position)| {
        json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        })
    };
    let location = json!({ "uri": path.replace('\\', "/") });
    let rule_index = Rule::ALL
        .iter()
        .position(|rule| *rule == diagnostic.rule)
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": diagnostic.rule.code(),
        "ruleIndex": rule_index,
        "level": sarif_level(diagnostic.severity),
        "message": { "text": diagnostic.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": region((located.start, located.end)),
            }
        }],
    });
    if let Some(fix) = &diagnostic.fix
        && fix.applicability > crate::fix::Applicability::DisplayOnly
    {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .zip(&located.edits)
            .map(|(edit, &positions)| {
                json!({
                    "deletedRegion": region(positions),
                    "insertedContent": { "text": edit.replacement },
                })
            })
            .collect();
        let texts: Vec<&str> = fix
            .edits
            .iter()
            .map(|edit| edit.replacement.as_str())
            .collect();
        result["fixes"] = json!([{
            "description": {
                "text": format!("Заменить на «{}» ({})", texts.join(" … "), fix.applicability.as_str())
            },
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": replacements,
            }],
        }]);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals() {
        let forms = ["файл", "файла", "файлов"];
        let got: Vec<&str> = [1, 2, 5, 11, 12, 21, 22, 25, 101, 111]
            .iter()
            .map(|&n| plural(n, forms))
            .collect();
        assert_eq!(
            got,
            vec![
                "файл",
                "файла",
                "файлов",
                "файлов",
                "файлов",
                "файл",
                "файла",
                "файлов",
                "файл",
                "файлов"
            ]
        );
    }

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
