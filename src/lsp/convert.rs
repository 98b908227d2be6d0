//! anglint diagnostics as LSP diagnostics: ranges in the negotiated encoding, severity, the
//! rule's code with a link to its documentation, source `anglint`, the Russian message, and the
//! other words a fix would change as related information.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::position::Positions;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;

pub const SOURCE: &str = "anglint";

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn diagnostic(
    uri: &Uri,
    text: &str,
    positions: &mut Positions,
    found: &Diagnostic,
) -> lsp_types::Diagnostic {
    let range = positions.range(found.span.clone());
    // The words around that the fix changes too («новую фичу» → «новую функцию» is one word,
    // «новый релиз» → «новый выпуск» none, «крутая фича» → «крутая возможность»…).
    let related: Vec<DiagnosticRelatedInformation> = found
        .fix
        .iter()
        .flat_map(|fix| &fix.edits)
        .filter(|edit| edit.span != found.span)
        .map(|edit| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: positions.range(edit.span.clone()),
            },
            message: format!(
                "исправление изменит и это слово: «{}» → «{}»",
                text.get(edit.span.clone()).unwrap_or_default(),
                edit.replacement
            ),
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(found.severity)),
        code: Some(NumberOrString::String(found.rule.code().to_string())),
        code_description: found
            .rule
            .documentation_url()
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: found.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
