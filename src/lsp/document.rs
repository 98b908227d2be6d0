//! Open documents: the text as the editor has it, kept in sync with full or incremental
//! changes, and how it is read (markdown or plain text).

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, Positions};
use super::uri;
use crate::format::FileKind;

pub struct Document {
    pub uri: Uri,
    /// `None` for documents that are not files (an unsaved buffer).
    pub path: Option<PathBuf>,
    pub kind: FileKind,
    pub version: i32,
    /// Shared with the lint worker: a change makes a new text, never edits one in place.
    pub text: Arc<String>,
}

impl Document {
    /// A document the server lints: markdown or plain text by the language id the editor gives,
    /// or by the file's extension; `None` for anything else (source code, configuration).
    pub fn open(uri: Uri, language: &str, version: i32, text: String) -> Option<Document> {
        let path = uri::to_path(&uri);
        let kind = FileKind::of_language(language, path.as_deref())?;
        Some(Document {
            uri,
            path,
            kind,
            version,
            text: Arc::new(text),
        })
    }

    /// Applies the changes of one `didChange`, in order: a change with a range replaces it,
    /// one without replaces the whole text.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        let mut text = String::clone(&self.text);
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = Positions::new(&text, encoding).span(range);
                    text.replace_range(span, &change.text);
                }
                None => text = change.text,
            }
        }
        self.text = Arc::new(text);
        self.version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn incremental_changes_in_utf16_and_utf8() {
        let uri: Uri = "file:///tmp/a.md".parse().unwrap();
        // «фича» after «🚀 »: UTF-16 units 3..7, bytes 5..13.
        for (encoding, word) in [(Encoding::Utf16, 3..7), (Encoding::Utf8, 5..13)] {
            let mut document =
                Document::open(uri.clone(), "markdown", 1, "🚀 фича\r\nрелиз".into()).unwrap();
            assert_eq!(document.kind, FileKind::Markdown);
            let change = |range: Range, text: &str| TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: text.into(),
            };
            document.change(
                2,
                vec![
                    change(
                        Range::new(Position::new(0, word.start), Position::new(0, word.end)),
                        "функция",
                    ),
                    change(
                        Range::new(Position::new(1, 0), Position::new(1, 0)),
                        "новый ",
                    ),
                ],
                encoding,
            );
            assert_eq!(document.text.as_str(), "🚀 функция\r\nновый релиз");
            assert_eq!(document.version, 2);
            document.change(
                3,
                vec![TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: "всё заново".into(),
                }],
                encoding,
            );
            assert_eq!(document.text.as_str(), "всё заново");
        }
    }

    #[test]
    fn only_prose_documents_are_opened() {
        let uri: Uri = "file:///tmp/main.rs".parse().unwrap();
        assert!(Document::open(uri, "rust", 1, String::new()).is_none());
        let uri: Uri = "file:///tmp/notes.txt".parse().unwrap();
        let document = Document::open(uri, "Plain Text", 1, String::new()).unwrap();
        assert_eq!(document.kind, FileKind::Text);
        let uri: Uri = "untitled:Untitled-1".parse().unwrap();
        assert!(Document::open(uri, "markdown", 1, String::new()).is_some());
    }
}
