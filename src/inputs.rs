//! What to lint: paths named on the command line, directories walked with the `ignore` crate
//! (honouring `.gitignore`, skipping hidden files), standard input. Reading a file gives its text
//! or an error that names the place, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::format::FileKind;
use crate::lines::LineIndex;

/// One document to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file; `explicit` when it was named on the command line rather than found by walking.
    File {
        path: PathBuf,
        explicit: bool,
    },
    Stdin,
}

/// Expands paths into targets (directories walked, results sorted per directory); `-` is
/// standard input. Walking takes the files of the formats' extensions and those `include`
/// accepts (a team's `extend-include`). Paths that do not exist or cannot be walked are errors;
/// the rest go on.
pub fn discover(
    paths: &[PathBuf],
    follow: bool,
    include: &mut dyn FnMut(&Path) -> bool,
) -> (Vec<Target>, Vec<FileError>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Err(error) => errors.push(FileError {
                path: path.display().to_string(),
                message: io_message(&error),
            }),
            Ok(metadata) if metadata.is_dir() => {
                walk(path, follow, include, &mut targets, &mut errors)
            }
            // Devices and sockets would be read forever or not at all; pipes are read.
            Ok(metadata) if !metadata.is_file() && !is_fifo(&metadata) => errors.push(FileError {
                path: path.display().to_string(),
                message: "не обычный файл (устройство или сокет): не проверяется".into(),
            }),
            Ok(_) => targets.push(Target::File {
                path: path.clone(),
                explicit: true,
            }),
        }
    }
    (targets, errors)
}

#[cfg(unix)]
fn is_fifo(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    metadata.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &fs::Metadata) -> bool {
    false
}

/// Walks a directory; symbolic links are followed only with `follow` (`-L`), and a link that
/// leads back into its own ancestors is reported, not followed.
fn walk(
    root: &Path,
    follow: bool,
    include: &mut dyn FnMut(&Path) -> bool,
    targets: &mut Vec<Target>,
    errors: &mut Vec<FileError>,
) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(follow)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                let path = entry.path();
                // The formats' extensions (`crate::format`): the one list; other files when
                // the team includes them.
                if is_file && (FileKind::of_walked(path).is_some() || include(path)) {
                    targets.push(Target::File {
                        path: path.to_path_buf(),
                        explicit: false,
                    });
                }
            }
            Err(error) => errors.push(walk_error(root, &error)),
        }
    }
}

/// A single-byte encoding of old Russian documents, for files that are not UTF-8
/// (`--encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Cp1251,
    Koi8R,
}

impl Legacy {
    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Legacy::Cp1251 => encoding_rs::WINDOWS_1251,
            Legacy::Koi8R => encoding_rs::KOI8_R,
        }
    }

    /// The name `iconv` and `--encoding` know it by.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Cp1251 => "cp1251",
            Legacy::Koi8R => "koi8-r",
        }
    }
}

/// How a file's bytes became text, so that `--fix` writes them back the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark (kept in the text as U+FEFF).
    Utf8,
    /// UTF-16 with a byte order mark (kept in the text as U+FEFF).
    Utf16Le,
    Utf16Be,
    Legacy(Legacy),
}

/// A file's text and the encoding it was read in. A byte order mark is the first character of
/// `text`: spans of a UTF-8 file are byte offsets into the file itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// A NUL byte near the start: a binary file, skipped when found by walking.
    Binary { offset: usize },
    /// Not UTF-8: where the first bad sequence is, and the legacy encoding the bytes look like.
    NotUtf8 {
        offset: usize,
        line: usize,
        column: usize,
        looks_like: Option<Legacy>,
    },
    /// UTF-16 (by its byte order mark) with an unpaired surrogate or an odd length.
    BadUtf16,
    /// Anything else, as a message.
    Other(String),
}

impl ReadError {
    /// The message for a file at `path`, with a hint when there is one.
    pub fn describe(&self, path: &str) -> String {
        let mut message = self.to_string();
        if let ReadError::NotUtf8 {
            looks_like: Some(legacy),
            ..
        } = self
        {
            let name = legacy.name();
            let title = match legacy {
                Legacy::Cp1251 => "Windows-1251",
                Legacy::Koi8R => "KOI8-R",
            };
            message.push_str(&format!(
                "; похоже на {title}. Перекодируйте: iconv -f {name} -t utf-8 '{path}' -o '{path}.utf8', или проверьте как есть: --encoding {name}"
            ));
        }
        message
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Binary { offset } => write!(
                f,
                "двоичный файл (нулевой байт на смещении {offset}): не проверяется"
            ),
            ReadError::NotUtf8 {
                offset,
                line,
                column,
                ..
            } => write!(
                f,
                "файл не в кодировке UTF-8: неверная последовательность байтов на смещении {offset} (строка {line}, столбец {column})"
            ),
            ReadError::BadUtf16 => f.write_str(
                "файл в UTF-16 (по метке порядка байтов) с неверной последовательностью: перекодируйте его в UTF-8",
            ),
            ReadError::Other(message) => f.write_str(message),
        }
    }
}

/// How far into a file a NUL byte makes it binary, as in ripgrep and git.
const BINARY_PROBE: usize = 8 * 1024;

/// Reads a file as text: see [`decode_bytes`].
pub fn read(path: &Path, fallback: Option<Legacy>) -> Result<Decoded, ReadError> {
    let bytes = fs::read(path).map_err(|error| ReadError::Other(io_message(&error)))?;
    decode_bytes(bytes, fallback)
}

/// Bytes as text. A byte order mark decides between UTF-8 and UTF-16; else a NUL byte in the
/// first 8 KiB means a binary file; else the bytes must be UTF-8, or, when they are not and a
/// `fallback` is given, are read in that single-byte encoding.
/// UTF-8 bytes become the text without a copy.
pub fn decode_bytes(bytes: Vec<u8>, fallback: Option<Legacy>) -> Result<Decoded, ReadError> {
    let utf16 = match bytes.as_slice() {
        [0xFF, 0xFE, ..] => Some((encoding_rs::UTF_16LE, Encoding::Utf16Le)),
        [0xFE, 0xFF, ..] => Some((encoding_rs::UTF_16BE, Encoding::Utf16Be)),
        _ => None,
    };
    if let Some((decoder, encoding)) = utf16 {
        let body = decoder
            .decode_without_bom_handling_and_without_replacement(&bytes[2..])
            .ok_or(ReadError::BadUtf16)?;
        return Ok(Decoded {
            text: format!("\u{feff}{body}"),
            encoding,
        });
    }
    if let Some(offset) = bytes.iter().take(BINARY_PROBE).position(|&byte| byte == 0) {
        return Err(ReadError::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: Encoding::Utf8,
        }),
        Err(error) => {
            let bytes = error.as_bytes();
            let error = error.utf8_error();
            if let Some(legacy) = fallback
                && let Some(text) = legacy
                    .encoding()
                    .decode_without_bom_handling_and_without_replacement(bytes)
            {
                return Ok(Decoded {
                    text: text.into_owned(),
                    encoding: Encoding::Legacy(legacy),
                });
            }
            let offset = error.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let (line, column) = LineIndex::new(valid).line_column(valid, offset);
            Err(ReadError::NotUtf8 {
                offset,
                line,
                column,
                looks_like: guess_legacy(bytes),
            })
        }
    }
}

/// Which single-byte Cyrillic encoding non-UTF-8 bytes look like: most bytes above 0x7F are
/// letters (0xC0–0xFF in both Windows-1251 and KOI8-R, plus Ё and ё), and running text is mostly
/// lower case, which is 0xE0–0xFF in Windows-1251 and 0xC0–0xDF in KOI8-R.
fn guess_legacy(bytes: &[u8]) -> Option<Legacy> {
    let high = bytes.iter().filter(|&&byte| byte >= 0x80).count();
    let upper_half = bytes.iter().filter(|&&byte| byte >= 0xE0).count();
    let lower_half = bytes
        .iter()
        .filter(|&&byte| (0xC0..0xE0).contains(&byte))
        .count();
    let letters = upper_half + lower_half;
    if high == 0 || letters * 10 < high * 8 {
        return None;
    }
    Some(if upper_half >= lower_half {
        Legacy::Cp1251
    } else {
        Legacy::Koi8R
    })
}

/// Text back to the bytes of its encoding, for writing a fixed file.
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, String> {
    match encoding {
        Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
        Encoding::Utf16Le => Ok(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        Encoding::Utf16Be => Ok(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        Encoding::Legacy(legacy) => {
            let (bytes, _, unmappable) = legacy.encoding().encode(text);
            if unmappable {
                return Err(format!(
                    "исправленный текст не записать в кодировке {}",
                    legacy.name()
                ));
            }
            Ok(bytes.into_owned())
        }
    }
}

/// Replaces a file's contents without a moment when it is half-written: the bytes go to a
/// temporary file in the same directory, get the original's permissions and are renamed over the
/// original (the target of a symbolic link).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let path = fs::canonicalize(path)?;
    let directory = path.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&path)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".anglint-")
        .tempfile_in(directory)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&path).map_err(|error| error.error)?;
    Ok(())
}

/// A file that could not be linted.
#[derive(Clone, Debug, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// ELOOP: too many levels of symbolic links.
const LOOP: i32 = 40;

fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "нет такого файла или каталога".into(),
        ErrorKind::PermissionDenied => "нет прав на чтение".into(),
        ErrorKind::NotADirectory => "часть пути — файл, а не каталог (лишняя «/» в конце?)".into(),
        ErrorKind::IsADirectory => "это каталог, а не файл".into(),
        _ if os_error(error) == Some(LOOP) => {
            "петля символических ссылок: ссылка указывает сама на себя".into()
        }
        _ => format!("не удалось прочитать: {error}"),
    }
}

/// The operating system's error number, also when `error` wraps another error (as walking does).
fn os_error(error: &std::io::Error) -> Option<i32> {
    error.raw_os_error().or_else(|| {
        let inner = error.get_ref()?;
        let source = std::error::Error::source(inner)?;
        source.downcast_ref::<std::io::Error>()?.raw_os_error()
    })
}

/// A walking error in words: the path it concerns and what happened.
fn walk_error(root: &Path, error: &ignore::Error) -> FileError {
    match error {
        ignore::Error::WithPath { path, err } => {
            let mut located = walk_error(root, err);
            located.path = path.display().to_string();
            located
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(root, err)
        }
        ignore::Error::Loop { ancestor, child } => FileError {
            path: child.display().to_string(),
            message: format!(
                "петля символических ссылок: ведёт обратно в {}; не обходится",
                ancestor.display()
            ),
        },
        ignore::Error::Io(error) => FileError {
            path: root.display().to_string(),
            message: io_message(error),
        },
        other => FileError {
            path: root.display().to_string(),
            message: format!("не удалось обойти каталог: {other}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let error = decode_bytes(b"\xd0\xb0\n\xd0".to_vec(), None).unwrap_err();
        let message = error.describe("a.md");
        assert!(message.contains("смещении 3"), "{message}");
        assert!(message.contains("строка 2, столбец 1"), "{message}");
    }

    #[test]
    fn legacy_encodings_are_recognised_and_round_trip() {
        let text = "Мы выкатили новую фичу для сейлзов.\n";
        for legacy in [Legacy::Cp1251, Legacy::Koi8R] {
            let bytes = encode(text, Encoding::Legacy(legacy)).unwrap();
            match decode_bytes(bytes.clone(), None) {
                Err(ReadError::NotUtf8 { looks_like, .. }) => {
                    assert_eq!(looks_like, Some(legacy))
                }
                other => panic!("{other:?}"),
            }
            let decoded = decode_bytes(bytes.clone(), Some(legacy)).unwrap();
            assert_eq!(decoded.text, text);
            assert_eq!(encode(&decoded.text, decoded.encoding).unwrap(), bytes);
        }
    }

    #[test]
    fn utf16_with_a_bom_round_trips() {
        let text = "\u{feff}Фича 🚀\r\n";
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = encode(text, encoding).unwrap();
            let decoded = decode_bytes(bytes, None).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding), (text, encoding));
        }
        assert_eq!(
            decode_bytes(vec![0xFF, 0xFE, 0x00, 0xD8], None),
            Err(ReadError::BadUtf16)
        );
    }

    #[test]
    fn nul_bytes_make_a_file_binary_but_not_utf16() {
        assert_eq!(
            decode_bytes(b"ab\0c".to_vec(), None),
            Err(ReadError::Binary { offset: 2 })
        );
        assert!(decode_bytes(encode("\u{feff}ab", Encoding::Utf16Le).unwrap(), None).is_ok());
    }
}
