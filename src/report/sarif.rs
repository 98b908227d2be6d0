//! SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers: one run, the rules
//! with their explanations, one result per finding, columns in Unicode code points.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{FileError, Located, Position, indented};
use crate::diagnostic::{Applicability, Rule, Severity};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Opens the log, the run with its tool and rules, and the array of results.
pub(super) fn start(out: &mut dyn WriteColor) -> io::Result<()> {
    let rules: Vec<serde_json::Value> = Rule::ALL
        .iter()
        .map(|rule| {
            let explanation = rule.explanation();
            serde_json::json!({
                "id": rule.code(),
                "name": rule.name(),
                "shortDescription": { "text": explanation.lines().next().unwrap_or_default() },
                "fullDescription": { "text": explanation },
                "defaultConfiguration": { "level": level(rule.default_severity()) },
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
        out,
        "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
        indented(&tool, 6)?
    )
}

/// Closes the results (`items` of them) and the run, with the files that could not be linted
/// as notifications of the invocation.
pub(super) fn finish(
    out: &mut dyn WriteColor,
    items: usize,
    errors: &[FileError],
) -> io::Result<()> {
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
        out,
        "{}],\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
        if items == 0 { "" } else { "\n      " },
        indented(&invocations, 6)?
    )
}

/// One SARIF result: the rule, the level, the region in code points, the fix.
pub(super) fn result(path: &str, located: &Located) -> serde_json::Value {
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
        "level": level(diagnostic.severity),
        "message": { "text": diagnostic.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": region((located.start, located.end)),
            }
        }],
    });
    if let Some(fix) = &diagnostic.fix
        && fix.applicability > Applicability::DisplayOnly
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
