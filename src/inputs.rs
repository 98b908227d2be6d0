//! What to lint: paths named on the command line, directories walked with the `ignore` crate
//! (honouring `.gitignore`, skipping hidden files), standard input. Reading a file gives its text
//! or an error that names the place, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use crate::prose::FileKind;
use crate::report::FileError;

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

/// Extensions picked when walking a directory.
const WALKED: [&str; 3] = ["md", "markdown", "txt"];

/// Expands paths into targets (directories walked, results sorted per directory); `-` is
/// standard input. Paths that do not exist or cannot be walked are errors; the rest go on.
pub fn discover(paths: &[PathBuf]) -> (Vec<Target>, Vec<FileError>) {
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
            Ok(metadata) if metadata.is_dir() => walk(path, &mut targets, &mut errors),
            Ok(_) => targets.push(Target::File {
                path: path.clone(),
                explicit: true,
            }),
        }
    }
    (targets, errors)
}

fn walk(root: &Path, targets: &mut Vec<Target>, errors: &mut Vec<FileError>) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|kind| kind.is_file());
                let path = entry.path();
                let wanted = path
                    .extension()
                    .and_then(|extension| extension.to_str())
                    .is_some_and(|extension| {
                        WALKED
                            .iter()
                            .any(|known| extension.eq_ignore_ascii_case(known))
                    });
                if is_file && wanted {
                    targets.push(Target::File {
                        path: path.to_path_buf(),
                        explicit: false,
                    });
                }
            }
            Err(error) => errors.push(FileError {
                path: root.display().to_string(),
                message: format!("не удалось обойти каталог: {error}"),
            }),
        }
    }
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// A NUL byte near the start: a binary file, skipped when found by walking.
    Binary { offset: usize },
    /// Anything else, as a message.
    Other(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Binary { offset } => write!(
                f,
                "двоичный файл (нулевой байт на смещении {offset}): не проверяется"
            ),
            ReadError::Other(message) => f.write_str(message),
        }
    }
}

/// How far into a file a NUL byte makes it binary, as in ripgrep and git.
const BINARY_PROBE: usize = 8 * 1024;

/// Reads a file as UTF-8 text.
pub fn read(path: &Path) -> Result<String, ReadError> {
    let bytes = fs::read(path).map_err(|error| ReadError::Other(io_message(&error)))?;
    if let Some(offset) = bytes.iter().take(BINARY_PROBE).position(|&byte| byte == 0) {
        return Err(ReadError::Binary { offset });
    }
    decode(bytes).map_err(ReadError::Other)
}

/// Bytes as UTF-8 text, or where the first invalid sequence is.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        format!(
            "файл не в кодировке UTF-8: неверная последовательность байтов на смещении {offset} (строка {line}, столбец {column})"
        )
    })
}

/// Replaces a file's contents without a moment when it is half-written: the text goes to a
/// temporary file in the same directory, gets the original's permissions and is renamed over the
/// original (the target of a symbolic link).
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let path = fs::canonicalize(path)?;
    let directory = path.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&path)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".anglint-")
        .tempfile_in(directory)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&path).map_err(|error| error.error)?;
    Ok(())
}

/// The kind of a target: by extension; standard input by `--stdin-filename`, else markdown.
pub fn kind_of(target: &Target, stdin_name: Option<&Path>) -> FileKind {
    match target {
        Target::File { path, .. } => FileKind::from_path(path),
        Target::Stdin => stdin_name.map_or(FileKind::Markdown, FileKind::from_path),
    }
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "нет такого файла или каталога".into(),
        std::io::ErrorKind::PermissionDenied => "нет прав на чтение".into(),
        _ => format!("не удалось прочитать: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let message = decode(b"\xd0\xb0\n\xd0".to_vec()).unwrap_err();
        assert!(message.contains("смещении 3"), "{message}");
        assert!(message.contains("строка 2, столбец 1"), "{message}");
    }
}
