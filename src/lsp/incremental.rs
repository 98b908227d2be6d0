//! Linting a document that changes a few characters at a time. The linter works block by block
//! (a paragraph, a heading, a list), so the server cuts a document into chunks at boundaries
//! between top-level blocks and keeps each chunk's diagnostics by the chunk's text: after a
//! keystroke only the chunk that changed is linted again, the rest are moved to their new
//! offsets. The result is the same as linting the whole document; where it could differ, the
//! whole document is linted:
//!
//! - suppression comments (`anglint-disable` regions span blocks, unused ones are reported);
//! - a footnote defined inside another block.
//!
//! A chunk starts only where a block reads the same alone, by the format's one cutting rule
//! ([`crate::format::starts_standalone_block`] after a blank line): front matter, lists and lazy
//! lines need what is before them. Link reference and
//! footnote definitions change how text elsewhere parses (`[фича][1]` is a link only when `[1]`
//! is defined): a chunk that names a defined label is linted with those definitions after it,
//! and only its own findings are kept.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::format::FileKind;
use crate::linter::{Linter, Policy};

/// Diagnostics of the chunks of the last text linted, by the chunk's text.
#[derive(Default)]
pub struct Incremental {
    cache: HashMap<String, Vec<Diagnostic>>,
    /// The document's language when the cache was filled ([`crate::linter::is_russian`]).
    russian: Option<bool>,
}

impl Incremental {
    /// The diagnostics of `text`, as [`Linter::lint_with`] gives them.
    pub fn lint(
        &mut self,
        linter: &Linter,
        policy: &Policy,
        text: &str,
        kind: FileKind,
    ) -> Vec<Diagnostic> {
        let Some(chunks) = chunks(text, kind) else {
            self.cache.clear();
            return linter.lint_with(text, kind, policy);
        };
        let mut next: HashMap<String, Vec<Diagnostic>> = HashMap::with_capacity(chunks.len());
        // The language is the whole document's; a change of it changes every chunk's findings.
        let russian = crate::linter::is_russian(text);
        if self.russian != Some(russian) {
            self.cache.clear();
            self.russian = Some(russian);
        }
        let mut all = Vec::new();
        for chunk in chunks {
            let slice = &text[chunk.range.clone()];
            let key = if chunk.context.is_empty() {
                slice.to_string()
            } else {
                format!("{slice}{}", chunk.context)
            };
            let found = match self.cache.remove(&key) {
                Some(found) => found,
                None => match next.get(&key) {
                    Some(found) => found.clone(),
                    None => {
                        let mut found = linter.lint_part(&key, kind, policy, russian);
                        // Findings in the definitions after the chunk are theirs, not its.
                        found.retain(|diagnostic| diagnostic.span.end <= slice.len());
                        found
                    }
                },
            };
            all.extend(
                found
                    .iter()
                    .map(|diagnostic| moved(diagnostic, chunk.range.start)),
            );
            next.insert(key, found);
        }
        self.cache = next;
        crate::consistency::settle(text, &mut all);
        all
    }

    /// Forgets every chunk: the linter or the policy changed.
    pub fn clear(&mut self) {
        self.cache.clear();
    }
}

/// A part of a document linted alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub range: Range<usize>,
    /// Text linted after the chunk: the definitions of the labels it names, after a blank line;
    /// empty when it names none.
    pub context: String,
}

/// A diagnostic of a chunk as a diagnostic of the document: spans moved by `by` bytes.
fn moved(diagnostic: &Diagnostic, by: usize) -> Diagnostic {
    let mut diagnostic = diagnostic.clone();
    diagnostic.span = diagnostic.span.start + by..diagnostic.span.end + by;
    if let Some(fix) = &mut diagnostic.fix {
        for edit in &mut fix.edits {
            edit.span = edit.span.start + by..edit.span.end + by;
        }
    }
    diagnostic
}

/// The chunks of a document, covering it whole, or `None` when it must be linted whole: it has
/// suppression directives, or its format says so ([`crate::format::Format::layout`]).
pub fn chunks(text: &str, kind: FileKind) -> Option<Vec<Chunk>> {
    if text.contains("anglint-") {
        return None;
    }
    let layout = kind.format().layout(text)?;
    let mut ranges = Vec::with_capacity(layout.starts.len() + 1);
    let mut from = 0;
    for &start in &layout.starts {
        if start > from {
            ranges.push(from..start);
            from = start;
        }
    }
    ranges.push(from..text.len());
    Some(
        ranges
            .into_iter()
            .map(|range| {
                let context = layout.context(&text[range.clone()], text);
                Chunk { range, context }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_whole(linter: &Linter, text: &str, kind: FileKind) {
        let whole = linter.lint(text, kind);
        let mut incremental = Incremental::default();
        let first = incremental.lint(linter, &Policy::default(), text, kind);
        assert_eq!(first, whole, "{kind:?}: {text:?}");
        // And after an edit in the middle, with the chunks of the first text cached.
        let middle = text.len() / 2;
        let middle = (middle..text.len())
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(text.len());
        let edited = format!("{} Фича и релиз. {}", &text[..middle], &text[middle..]);
        assert_eq!(
            incremental.lint(linter, &Policy::default(), &edited, kind),
            linter.lint(&edited, kind),
            "{kind:?}: {edited:?}"
        );
    }

    #[test]
    fn chunked_lint_equals_whole_lint_on_the_fixtures() {
        let linter = Linter::builtin().unwrap();
        let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut chunked = 0;
        for entry in std::fs::read_dir(directory).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let kind = FileKind::from_path(&path);
            same_as_whole(&linter, &text, kind);
            same_as_whole(&linter, &text, FileKind::Text);
            if chunks(&text, kind).is_some_and(|chunks| chunks.len() > 3) {
                chunked += 1;
            }
        }
        // Most fixtures are cut into chunks rather than linted whole.
        assert!(chunked >= 5, "{chunked}");
    }

    #[test]
    fn blocks_that_span_blank_lines_stay_whole() {
        let linter = Linter::builtin().unwrap();
        let text = "Фича.\n\n```\nкод\n\nфича в коде\n```\n\nРелиз.\n\n<!--\n\nфича\n\n-->\n\nЛид\n\n- пункт\n\n  фича\n\nДедлайн\r\n\r\nАпрув\rмитинг\n\n---\nфича\n---\n";
        same_as_whole(&linter, text, FileKind::Markdown);
        same_as_whole(&linter, text, FileKind::Text);
        let chunks = chunks(text, FileKind::Markdown).unwrap();
        let texts: Vec<&str> = chunks
            .iter()
            .map(|chunk| &text[chunk.range.clone()])
            .collect();
        assert!(
            texts
                .iter()
                .any(|chunk| chunk.starts_with("```") || chunk.contains("```\nкод\n\nфича")),
            "{texts:?}"
        );
        assert!(texts.iter().all(|chunk| !chunk.starts_with("фича в коде")));
        assert!(texts.iter().all(|chunk| !chunk.starts_with("фича\n\n-->")));
    }

    #[test]
    fn documents_with_suppressions_are_linted_whole() {
        assert_eq!(
            chunks("а\n\n<!-- anglint-disable -->\n\nб", FileKind::Markdown),
            None
        );
        assert_eq!(chunks("а\n\nб\r\n\r\nв", FileKind::Text).unwrap().len(), 3);
    }

    #[test]
    fn chunks_that_name_definitions_are_linted_with_them() {
        let linter = Linter::builtin().unwrap();
        let text = "Смотри [фичу][Фича Один] и [^лид].\n\nРелиз [тут].\n\nБез ссылок: апрув.\n\n[фича   один]: https://example.com/фича \"фича\"\n\n[^лид]: Сноска про лидов и [тут].\n\n[тут]: /деплой\n\nКонец: дедлайн.\n";
        same_as_whole(&linter, text, FileKind::Markdown);
        let chunks = chunks(text, FileKind::Markdown).unwrap();
        // The definitions start with «[»: they stay in the chunk before them.
        assert_eq!(chunks.len(), 4, "{chunks:?}");
        assert_eq!(
            chunks[0].context,
            "\n\n[фича   один]: https://example.com/фича \"фича\"\n\n[^лид]: Сноска про лидов и [тут].\n"
        );
        assert_eq!(chunks[1].context, "\n\n[тут]: /деплой\n");
        assert_eq!(chunks[3].context, "");
    }

    /// Documents put together from the constructs that span blank lines or depend on what is
    /// before them, in many orders: chunked linting equals whole linting for each.
    #[test]
    fn generated_documents_lint_the_same_in_chunks() {
        const PARTS: [&str; 22] = [
            "Фича готова к релизу.",
            "```\nкод\n\nфича в коде\n```",
            "~~~~\nфича\n\n~~~~",
            "    отступ: фича\n\n    и релиз",
            "<!--\n\nфича в комментарии\n\n-->",
            "<pre>\n\nфича\n\n</pre>",
            "<div>\nфича\n</div>",
            "- пункт с фичей\n\n  продолжение: дедлайн\n\n- второй лид",
            "1. апрув\n2. митинг",
            "> цитата про фичу\n>\n> и лидов",
            "| Что | Кто |\n|---|---|\n| фича | сейлзы |",
            "Заголовок про фичу\n===",
            "---\nфича: 1\n---",
            "Термин фича\n: определение про релиз",
            "[^1]: Сноска про фичу.\n\n    Продолжение сноски: дедлайн.",
            "Ссылка [фича][ref] и сноска[^1], [лид].",
            "[ref]: https://example.com \"фича\"",
            "[лид]: /leads",
            "Текст\nлениво продолжается фичей",
            "  ",
            "Дедлайн\r\nи апрув\rмитинг",
            "# Фича",
        ];
        let linter = Linter::builtin().unwrap();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % bound
        };
        for _ in 0..150 {
            let mut text = String::new();
            for _ in 0..1 + next(7) {
                text.push_str(PARTS[next(PARTS.len())]);
                text.push_str(["\n", "\n\n", "\n\n\n", "\r\n\r\n"][next(4)]);
            }
            same_as_whole(&linter, &text, FileKind::Markdown);
            same_as_whole(&linter, &text, FileKind::Text);
        }
    }
}
