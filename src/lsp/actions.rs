//! Code actions for a finding, as the CLI would do them:
//!
//! - «Заменить на «функцию»» for each suggestion, already inflected; the first one carries the
//!   fix's own edits (the words that agree with it too), and is preferred when the fix is safe;
//! - «Разрешить «лид» в anglint.toml»: the word's lemma added to `allow` of the nearest
//!   configuration, or a new `anglint.toml` when there is none;
//! - «Не проверять эту строку»: a suppression directive for the word on its line;
//! - a source action, «Исправить все безопасное», with the text `anglint check --fix` writes.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use super::position::{Encoding, Positions};
use super::uri;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{Applicability, Edit};
use crate::format::FileKind;
use crate::lines::LineIndex;
use crate::linter::{Linter, Policy};
use crate::suppress;

/// The kind of the source action that applies every safe fix.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.anglint")
}

/// Text edits in the encoding of the client.
pub fn text_edits(text: &str, encoding: Encoding, edits: &[Edit]) -> Vec<TextEdit> {
    let mut positions = Positions::new(text, encoding);
    edits
        .iter()
        .map(|edit| TextEdit {
            range: positions.range(edit.span.clone()),
            new_text: edit.replacement.clone(),
        })
        .collect()
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// One quick fix per suggestion of `found`.
pub fn replacements(
    uri: &Uri,
    text: &str,
    encoding: Encoding,
    found: &Diagnostic,
    shown: &lsp_types::Diagnostic,
) -> Vec<CodeAction> {
    found
        .suggestions()
        .iter()
        .enumerate()
        .map(|(index, suggestion)| {
            // The fix replaces the word with the first suggestion and changes what agrees with
            // it; another suggestion replaces the word alone.
            let (edits, preferred) = match &found.fix {
                Some(fix)
                    if index == 0
                        && fix.edits.iter().any(|edit| {
                            edit.span == found.span && edit.replacement == suggestion.text
                        }) =>
                {
                    (fix.edits.clone(), fix.applicability == Applicability::Safe)
                }
                _ => (
                    vec![Edit {
                        span: found.span.clone(),
                        replacement: suggestion.text.clone(),
                    }],
                    false,
                ),
            };
            CodeAction {
                title: format!("Заменить на «{}»", suggestion.text),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(edit_of(uri, text_edits(text, encoding, &edits))),
                is_preferred: Some(preferred),
                ..CodeAction::default()
            }
        })
        .collect()
}

/// «Не проверять эту строку»: in markdown an `anglint-disable-line` comment at the end of the
/// line, or after the word in a table row (an HTML comment changes nothing in the rendered
/// text); in plain text, where directives stand on lines of their own, an
/// `anglint-disable-next-line` line above it.
pub fn ignore_line(
    uri: &Uri,
    text: &str,
    kind: FileKind,
    encoding: Encoding,
    found: &Diagnostic,
    shown: &lsp_types::Diagnostic,
) -> Option<CodeAction> {
    let lemma = found.lemma()?;
    let index = LineIndex::new(text);
    let line = index.line_range(text, index.line_of(found.span.start));
    let (at, replacement) = kind.format().silence_line(
        text,
        line,
        found.span.clone(),
        &suppress::directive_text(suppress::Kind::DisableLine, &[lemma]),
        &suppress::directive_text(suppress::Kind::DisableNextLine, &[lemma]),
    );
    let edit = Edit {
        span: at..at,
        replacement,
    };
    Some(CodeAction {
        title: "Не проверять эту строку".into(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown.clone()]),
        edit: Some(edit_of(uri, text_edits(text, encoding, &[edit]))),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// Where a new configuration goes when a document has none.
pub struct NewConfig<'a> {
    /// The directory for `anglint.toml`: the workspace folder of the document, else its own.
    pub directory: &'a Path,
    /// Whether the client can create files in a workspace edit.
    pub can_create: bool,
}

/// «Разрешить «лид» в anglint.toml»: the lemma added to `allow` of `config` (its text as on
/// disk), or a new configuration with it. `None` when the edit could not be made safely.
pub fn allow_word(
    found: &Diagnostic,
    config: Option<(&Path, &str)>,
    new: NewConfig,
    encoding: Encoding,
    shown: &lsp_types::Diagnostic,
) -> Option<CodeAction> {
    let lemma = found.lemma()?;
    let word = toml::Value::String(lemma.to_string()).to_string();
    let title = format!("Разрешить «{lemma}» в anglint.toml");
    let edit = match config {
        Some((path, source)) => {
            let edit = allow_edit(path, source, lemma, &word)?;
            let uri = uri::from_path(path)?;
            edit_of(&uri, text_edits(source, encoding, &[edit]))
        }
        None => {
            if !new.can_create {
                return None;
            }
            let path = new.directory.join(crate::config::FILE_NAMES[0]);
            let uri = uri::from_path(&path)?;
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                        uri: uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri,
                            version: None,
                        },
                        edits: vec![OneOf::Left(TextEdit {
                            range: lsp_types::Range::default(),
                            new_text: format!(
                                "# Настройки anglint (образец со всеми ключами: anglint init).\nallow = [{word}]\n"
                            ),
                        })],
                    }),
                ])),
                ..WorkspaceEdit::default()
            }
        }
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown.clone()]),
        edit: Some(edit),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// The edit that adds `word` (a TOML string) to the top-level `allow` of a configuration:
/// inside the list when there is one, else a new key before the first table. Checked by
/// parsing the result: `None` when it would not be a configuration allowing `lemma`.
pub fn allow_edit(path: &Path, source: &str, lemma: &str, word: &str) -> Option<Edit> {
    #[derive(serde::Deserialize)]
    struct Allow {
        allow: Option<toml::Spanned<Vec<String>>>,
    }
    let parsed: Allow = toml::from_str(source).ok()?;
    let edit = match parsed.allow {
        Some(list) => {
            if list.get_ref().iter().any(|allowed| allowed == lemma) {
                return None;
            }
            // The span is the array, `[` to `]`.
            let close = list.span().end.checked_sub(1)?;
            if source.as_bytes().get(close) != Some(&b']') {
                return None;
            }
            let inside = &source[list.span().start + 1..close];
            let last = inside.trim_end();
            let at = list.span().start + 1 + last.len();
            if last.trim().is_empty() {
                Edit {
                    span: list.span().start + 1..list.span().start + 1,
                    replacement: word.to_string(),
                }
            } else if last.ends_with(',') {
                Edit {
                    span: at..at,
                    replacement: format!(" {word},"),
                }
            } else {
                Edit {
                    span: at..at,
                    replacement: format!(", {word}"),
                }
            }
        }
        None => {
            // Top-level keys go before the first table header.
            let mut offset = 0;
            let mut at = source.len();
            for line in source.split_inclusive('\n') {
                if line.trim_start().starts_with('[') {
                    at = offset;
                    break;
                }
                offset += line.len();
            }
            let newline = if at == source.len() && !source.is_empty() && !source.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            Edit {
                span: at..at,
                replacement: format!("{newline}allow = [{word}]\n"),
            }
        }
    };
    let mut edited = source.to_string();
    edited.replace_range(edit.span.clone(), &edit.replacement);
    let config = Config::parse(path, &edited).ok()?;
    config
        .settings
        .allow
        .iter()
        .any(|allowed| allowed == lemma)
        .then_some(edit)
}

/// The source action: the document as `anglint check --fix` leaves it, as edits of the lines
/// that change. `None` when there is nothing safe to fix.
pub fn fix_all(
    uri: &Uri,
    text: &str,
    kind: FileKind,
    encoding: Encoding,
    linter: &Linter,
    policy: &Policy,
) -> Option<CodeAction> {
    let fixed = linter.fix(text, kind, policy, Applicability::Safe);
    if fixed.applied == 0 || fixed.text == text {
        return None;
    }
    let edits = line_edits(text, &fixed.text);
    Some(CodeAction {
        title: format!(
            "Исправить все безопасное: {} {} (anglint)",
            fixed.applied,
            crate::text::plural(fixed.applied, ["замена", "замены", "замен"])
        ),
        kind: Some(fix_all_kind()),
        edit: Some(edit_of(uri, text_edits(text, encoding, &edits))),
        ..CodeAction::default()
    })
}

/// Edits that turn `old` into `new`, one per run of changed lines.
pub fn line_edits(old: &str, new: &str) -> Vec<Edit> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(old_lines.iter().scan(0, |offset, line| {
            *offset += line.len();
            Some(*offset)
        }))
        .collect();
    let diff = similar::TextDiff::configure().diff_slices(&old_lines, &new_lines);
    let mut edits = Vec::new();
    for op in diff.ops() {
        if matches!(op, similar::DiffOp::Equal { .. }) {
            continue;
        }
        let old_range: Range<usize> = op.old_range();
        let new_range = op.new_range();
        edits.push(Edit {
            span: starts[old_range.start]..starts[old_range.end],
            replacement: new_lines[new_range].concat(),
        });
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(source: &str) -> Option<String> {
        let edit = allow_edit(Path::new("anglint.toml"), source, "лид", "\"лид\"")?;
        let mut text = source.to_string();
        text.replace_range(edit.span, &edit.replacement);
        Some(text)
    }

    #[test]
    fn allow_goes_into_the_list_or_before_the_first_table() {
        assert_eq!(allowed("").unwrap(), "allow = [\"лид\"]\n");
        assert_eq!(allowed("allow = []\n").unwrap(), "allow = [\"лид\"]\n");
        assert_eq!(
            allowed("allow = [\"релиз\"] # команда\n").unwrap(),
            "allow = [\"релиз\", \"лид\"] # команда\n"
        );
        assert_eq!(
            allowed("allow = [\n  \"релиз\",\n]\n").unwrap(),
            "allow = [\n  \"релиз\", \"лид\",\n]\n"
        );
        assert_eq!(
            allowed("ignore = [\"AL003\"]\n\n[severity]\nфича = 1\n"),
            None,
            "a configuration that does not parse is left alone"
        );
        assert_eq!(
            allowed("ignore = [\"AL003\"]\n\n[severity]\n\"фича\" = \"error\"\n").unwrap(),
            "ignore = [\"AL003\"]\n\nallow = [\"лид\"]\n[severity]\n\"фича\" = \"error\"\n"
        );
        assert_eq!(allowed("allow = [\"лид\"]\n"), None, "already allowed");
        assert_eq!(
            allowed("min-severity = \"info\"").unwrap(),
            "min-severity = \"info\"\nallow = [\"лид\"]\n"
        );
    }

    #[test]
    fn ignored_lines_are_not_reported_any_more() {
        let linter = Linter::builtin().unwrap();
        let uri: Uri = "file:///tmp/a.md".parse().unwrap();
        for (kind, text) in [
            (FileKind::Markdown, "Текст.\n\nНовая фича для сейлзов.\n"),
            (
                FileKind::Markdown,
                "| Что | Кто |\n|---|---|\n| Новая фича | сейлзы |\n",
            ),
            (FileKind::Markdown, "# Фича для сейлзов\n"),
            (FileKind::Text, "Текст.\r\n\tНовая фича для сейлзов.\r\n"),
        ] {
            let found = linter.lint(text, kind);
            let feature = found
                .iter()
                .find(|diagnostic| diagnostic.lemma() == Some("фича"))
                .unwrap_or_else(|| panic!("{text}: {found:?}"));
            let shown = lsp_types::Diagnostic::default();
            let action = ignore_line(&uri, text, kind, Encoding::Utf16, feature, &shown).unwrap();
            let edits = &action.edit.unwrap().changes.unwrap()[&uri];
            let positions = Positions::new(text, Encoding::Utf16);
            let mut edited = text.to_string();
            edited.replace_range(positions.span(edits[0].range), &edits[0].new_text);
            let after = linter.lint(&edited, kind);
            assert!(
                after
                    .iter()
                    .all(|diagnostic| diagnostic.lemma() != Some("фича")),
                "{edited}: {after:?}"
            );
            assert_eq!(after.len(), found.len() - 1, "{edited}: {after:?}");
        }
    }

    #[test]
    fn line_edits_rebuild_the_new_text() {
        let old = "а\r\nфича\nб\nрелиз";
        let new = "а\r\nфункция\nб\nвыпуск";
        let edits = line_edits(old, new);
        assert_eq!(edits.len(), 2);
        let pass = crate::fix::apply_once(
            old,
            &[{
                let linter = Linter::builtin().unwrap();
                let mut diagnostic = linter.lint("фича", FileKind::Text).remove(0);
                diagnostic.fix = Some(crate::diagnostic::Fix {
                    applicability: Applicability::Safe,
                    edits,
                });
                diagnostic
            }],
            Applicability::Safe,
        );
        assert_eq!(pass.text, new);
    }
}
