//! Document formats: everything anglint knows about how a kind of document is written, in one
//! place per format. A format says which files are in it (extensions, editors' language ids),
//! which bytes are prose ([`Block`]s of [`Segment`]s, byte ranges into the original text), where a
//! document may be cut into parts that are linted alone (large files, the language server's
//! chunks), where its suppression directives are and how one is written.
//!
//! Adding a format is one new file with an implementation of [`Format`], and a variant of
//! [`FileKind`] that names it.

pub mod markdown;
pub mod plain;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// How a document is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Markdown,
    Text,
}

impl FileKind {
    pub const ALL: [FileKind; 2] = [FileKind::Markdown, FileKind::Text];

    /// The format's knowledge.
    pub fn format(self) -> &'static dyn Format {
        match self {
            FileKind::Markdown => &markdown::Markdown,
            FileKind::Text => &plain::Plain,
        }
    }

    /// The format of a file found by walking a directory, by its extension; `None` for files
    /// anglint does not read (source code, images).
    pub fn of_walked(path: &Path) -> Option<FileKind> {
        let extension = path.extension()?.to_str()?;
        FileKind::ALL.into_iter().find(|kind| {
            kind.format()
                .extensions()
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
        })
    }

    /// The format of a file named explicitly: by its extension, plain text when it has none
    /// anglint knows.
    pub fn from_path(path: &Path) -> FileKind {
        FileKind::of_walked(path).unwrap_or(FileKind::Text)
    }

    /// The format of a document an editor opened, by the language id it gives («markdown»,
    /// «plaintext»), or else by its path; `None` for anything else.
    pub fn of_language(language: &str, path: Option<&Path>) -> Option<FileKind> {
        let language = language.to_lowercase().replace([' ', '-', '_'], "");
        FileKind::ALL
            .into_iter()
            .find(|kind| kind.format().language_ids().contains(&language.as_str()))
            .or_else(|| path.and_then(FileKind::of_walked))
    }

    /// Hands each prose block of a document to `emit`, in order, without holding them all.
    pub fn for_each_block(self, text: &str, mut emit: impl FnMut(Block)) {
        self.format().for_each_block(text, &mut emit);
    }
}

/// What a format knows. Implementations are unit structs in the files of this module.
pub trait Format: Sync {
    /// File extensions (lower case, no dot) of documents in this format, walked in directories.
    fn extensions(&self) -> &'static [&'static str];

    /// Language ids editors give documents in this format (lower case, no separators).
    fn language_ids(&self) -> &'static [&'static str];

    /// Hands each prose block of `text` to `emit`, in order.
    fn for_each_block(&self, text: &str, emit: &mut dyn FnMut(Block));

    /// Where the document may be cut into chunks that lint alone exactly as in the whole, and
    /// the definitions a chunk may refer to; `None` when it must be linted whole.
    fn layout(&self, text: &str) -> Option<Layout>;

    /// Every suppression directive written in the document: the byte span of the comment (or
    /// line) and the directive's text inside it (`anglint-disable-line лид`).
    fn directives(&self, text: &str) -> Vec<(Range<usize>, Range<usize>)>;

    /// Where a directive that silences the finding at `span` goes, and its text: for markdown an
    /// HTML comment at the end of the line, for plain text a line of its own above.
    /// `directive` is the directive without comment marks (`anglint-disable-line лид`) and
    /// `next_line` the same for the line after it (`anglint-disable-next-line лид`).
    fn silence_line(
        &self,
        text: &str,
        line: Range<usize>,
        span: Range<usize>,
        directive: &str,
        next_line: &str,
    ) -> (usize, String);
}

/// A run of prose inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    /// Whether words of this segment can form a phrase with the words of the previous segment:
    /// true across soft line breaks and emphasis, false across inline code or HTML.
    pub joined: bool,
    /// Inline code: never linted, but its words are context for the words around
    /// («нужен scope `crm`»).
    pub code: bool,
}

/// A paragraph, heading, table cell or list item: the unit for sentences and language detection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub segments: Vec<Segment>,
    /// The text of each link to another site (a destination with a scheme, `https://…`), from
    /// the first to the last prose byte inside its brackets, in order: what a cited title is
    /// written in. Links inside the document or its repository (`#anchor`, `../page.md`) are not
    /// here.
    pub external_links: Vec<Range<usize>>,
    /// The text of each link inside the document or its site (`#anchor`, `../page.md`), the same
    /// way: a section named by its link («раздела [Бэклог](./backlog.md)»).
    pub internal_links: Vec<Range<usize>>,
    /// Bold text (`**Инстансы**`), markers included, in order: where interface labels are
    /// written.
    pub strong: Vec<Range<usize>>,
    /// Inside a block quote (`> …`): often someone else's words (a quoted post, a letter), so
    /// its fixes are shown, never applied.
    pub quote: bool,
}

impl Block {
    /// A block of one prose segment.
    pub fn single(range: Range<usize>) -> Block {
        Block {
            segments: vec![Segment {
                range,
                joined: false,
                code: false,
            }],
            external_links: Vec::new(),
            internal_links: Vec::new(),
            strong: Vec::new(),
            quote: false,
        }
    }
}

/// The prose blocks of a document, in order.
pub fn blocks(text: &str, kind: FileKind) -> Vec<Block> {
    let mut blocks = Vec::new();
    kind.for_each_block(text, |block| blocks.push(block));
    blocks
}

/// Where a document may be cut, for linting its parts alone.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Offsets where a part may start, in order (0 is not among them).
    pub starts: Vec<usize>,
    /// Definitions by normalized label ([`label_key`]): link references and, under `^label`,
    /// footnotes. A part that names a label is linted with its definition after it.
    pub definitions: HashMap<String, Range<usize>>,
}

impl Layout {
    /// The definitions of the labels `part` names, each after a blank line; empty when it names
    /// none.
    pub fn context(&self, part: &str, text: &str) -> String {
        if self.definitions.is_empty() || !part.contains(']') {
            return String::new();
        }
        let mut wanted: Vec<&Range<usize>> = Vec::new();
        let mut rest = part;
        while let Some(open) = rest.find('[') {
            rest = &rest[open + 1..];
            let Some(close) = rest.find([']', '[']) else {
                break;
            };
            if rest.as_bytes()[close] == b']'
                && let Some(span) = self.definitions.get(&label_key(&rest[..close]))
                && !wanted.contains(&span)
            {
                wanted.push(span);
            }
        }
        wanted.sort_by_key(|span| span.start);
        let mut out = String::new();
        for span in wanted {
            out.push_str("\n\n");
            out.push_str(text[span.clone()].trim_end_matches(['\n', '\r']));
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// A label as definitions are matched: case and runs of whitespace do not matter.
pub fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The one rule for where a document may be cut: a line that follows a blank line and starts a
/// paragraph or a heading — a letter, a digit or `#` — reads the same alone. Lists, quotes,
/// tables, HTML, definitions and thematic breaks may continue what is before them. Callers check
/// that the line is outside code, front matter and multi-line HTML.
pub fn starts_standalone_block(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|first| first.is_alphanumeric() || first == '#')
}

/// Whether a line is empty or whitespace.
pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Whether `start` begins a line that follows a blank line (any line ending).
pub fn follows_blank_line(text: &str, start: usize) -> bool {
    if start == 0 {
        return false;
    }
    let head = &text[..start];
    let Some(head) = head
        .strip_suffix("\r\n")
        .or_else(|| head.strip_suffix('\n'))
        .or_else(|| head.strip_suffix('\r'))
    else {
        return false;
    };
    is_blank(head.rsplit(['\n', '\r']).next().unwrap_or(""))
}

/// The prose of each block of `text` as written, inline code left out: what the formats' tests
/// compare.
#[cfg(test)]
pub(crate) fn prose(text: &str, kind: FileKind) -> Vec<Vec<&str>> {
    blocks(text, kind)
        .iter()
        .map(|block| {
            block
                .segments
                .iter()
                .filter(|segment| !segment.code)
                .map(|segment| &text[segment.range.clone()])
                .collect()
        })
        .collect()
}
