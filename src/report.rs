//! Reporters: render the diagnostics of a run for people (codespan-reporting, in the style of
//! rustc and ruff) or for programs (one JSON document, described field by field in the README).
//! Line and column numbers are computed here, from one [`LineIndex`] per file.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{Color, ColorSpec, WriteColor},
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, quoted};
use crate::dictionary::Severity;
use crate::fix::Applicability;
use crate::lines::LineIndex;

/// The diagnostics of one file.
#[derive(Clone)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    /// The text the diagnostics refer to (after fixes, when fixes were applied).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied (or, with `--diff`, would be).
    pub fixed: usize,
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
    pub fn new(reports: &[FileReport], errors: &[FileError]) -> Self {
        let mut summary = Summary {
            files_checked: reports.len(),
            errors: errors.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.fixed += report.fixed;
            if !report.diagnostics.is_empty() {
                summary.files_with_diagnostics += 1;
            }
            for diagnostic in &report.diagnostics {
                summary.diagnostics += 1;
                match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                    Some(Applicability::Safe) => summary.fixable += 1,
                    Some(Applicability::Unsafe) => summary.unsafe_fixable += 1,
                    _ => {}
                }
                match diagnostic.severity {
                    Severity::Info => summary.info += 1,
                    Severity::Warning => summary.warning += 1,
                    Severity::Error => summary.error += 1,
                }
            }
        }
        summary
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

/// Renders diagnostics, errors and a closing summary line for people.
pub fn human(
    out: &mut dyn WriteColor,
    reports: &[FileReport],
    errors: &[FileError],
) -> io::Result<()> {
    let config = term::Config::default();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let mut files = SimpleFiles::new();
        let id = files.add(report.path.as_str(), report.text.as_str());
        for diagnostic in &report.diagnostics {
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
                    Label::primary(id, diagnostic.span.clone()).with_message(label),
                ])
                .with_notes(vec![format!("{} — {}", diagnostic.term, diagnostic.note)]);
            term::emit_to_write_style(out, &config, &files, &rendered)
                .map_err(|error| io::Error::other(error.to_string()))?;
        }
    }
    let summary = Summary::new(reports, errors);
    writeln!(out, "{}", summary_line(&summary))?;
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

#[derive(Serialize)]
struct JsonDocument<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: &'a [FileError],
    summary: Summary,
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

/// Writes one JSON document: `{"version": 1, "diagnostics": [...], "errors": [...], "summary": {...}}`.
pub fn json(out: &mut dyn Write, reports: &[FileReport], errors: &[FileError]) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.text);
        for diagnostic in &report.diagnostics {
            let (line, column) = index.line_column(&report.text, diagnostic.span.start);
            let (end_line, end_column) = index.line_column(&report.text, diagnostic.span.end);
            diagnostics.push(JsonDiagnostic {
                path: &report.path,
                code: diagnostic.rule.code(),
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                matched: &diagnostic.matched,
                term: &diagnostic.term,
                origin: &diagnostic.origin,
                category: diagnostic.category_name(),
                line,
                column,
                end_line,
                end_column,
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
            });
        }
    }
    let document = JsonDocument {
        version: 1,
        diagnostics,
        errors,
        summary: Summary::new(reports, errors),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// Line and column (1-based, characters) of the start and the end of each diagnostic.
struct Positions {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn positions(index: &LineIndex, text: &str, diagnostic: &Diagnostic) -> Positions {
    let (line, column) = index.line_column(text, diagnostic.span.start);
    let (end_line, end_column) = index.line_column(text, diagnostic.span.end);
    Positions {
        line,
        column,
        end_line,
        end_column,
    }
}

/// One line per diagnostic, `path:line:column: CODE message`, for grep and editors' error formats.
pub fn concise(
    out: &mut dyn Write,
    reports: &[FileReport],
    errors: &[FileError],
) -> io::Result<()> {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for diagnostic in &report.diagnostics {
            let at = positions(&index, &report.text, diagnostic);
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                report.path,
                at.line,
                at.column,
                diagnostic.rule.code(),
                diagnostic.message
            )?;
        }
    }
    for error in errors {
        writeln!(out, "{}: ошибка: {}", error.path, error.message)?;
    }
    Ok(())
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

/// GitHub Actions workflow commands: one annotation per diagnostic, columns in characters.
pub fn github(out: &mut dyn Write, reports: &[FileReport], errors: &[FileError]) -> io::Result<()> {
    for report in reports {
        let index = LineIndex::new(&report.text);
        for diagnostic in &report.diagnostics {
            let at = positions(&index, &report.text, diagnostic);
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
                github_property(&report.path),
                at.line,
                at.end_line,
                at.column,
                at.end_column,
                github_property(&format!(
                    "anglint {} ({})",
                    diagnostic.rule.code(),
                    diagnostic.rule.name()
                )),
                github_data(&message)
            )?;
        }
    }
    for error in errors {
        writeln!(
            out,
            "::error file={},title=anglint::{}",
            github_property(&error.path),
            github_data(&error.message)
        )?;
    }
    Ok(())
}

/// SARIF 2.1.0: the rules, one result per diagnostic (columns in Unicode code points), fixes.
pub fn sarif(out: &mut dyn Write, reports: &[FileReport], errors: &[FileError]) -> io::Result<()> {
    use crate::diagnostic::Rule;
    use serde_json::{Value, json};
    let level = |severity: Severity| match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            let explanation = rule.explanation();
            json!({
                "id": rule.code(),
                "name": rule.name(),
                "shortDescription": { "text": explanation.lines().next().unwrap_or_default() },
                "fullDescription": { "text": explanation },
                "defaultConfiguration": { "level": level(rule.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let index = LineIndex::new(&report.text);
        let region = |span: &std::ops::Range<usize>| {
            let (line, column) = index.line_column(&report.text, span.start);
            let (end_line, end_column) = index.line_column(&report.text, span.end);
            json!({
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column,
            })
        };
        let location = json!({ "uri": report.path.replace('\\', "/") });
        for diagnostic in &report.diagnostics {
            let rule_index = Rule::ALL
                .iter()
                .position(|rule| *rule == diagnostic.rule)
                .unwrap_or(0);
            let mut result = json!({
                "ruleId": diagnostic.rule.code(),
                "ruleIndex": rule_index,
                "level": level(diagnostic.severity),
                "message": { "text": diagnostic.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": region(&diagnostic.span),
                    }
                }],
            });
            if let Some(fix) = &diagnostic.fix
                && fix.applicability > crate::fix::Applicability::DisplayOnly
            {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": region(&edit.span),
                            "insertedContent": { "text": edit.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {
                        "text": format!("Заменить на «{}» ({})", fix.edits.iter().map(|edit| edit.replacement.as_str()).collect::<Vec<_>>().join(" … "), fix.applicability.as_str())
                    },
                    "artifactChanges": [{
                        "artifactLocation": location,
                        "replacements": replacements,
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|error| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", error.path, error.message) },
            })
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "anglint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/anglint/anglint",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
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
