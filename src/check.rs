//! One file through the pipeline, as `anglint check` runs it: read and decode (file or standard
//! input), lint under the file's policy, and by the mode apply fixes — write them back atomically
//! in the file's own encoding, or give the fixed text, or a unified diff. Runs on a worker thread
//! per file; printing is the caller's.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::format::FileKind;
use crate::inputs::{self, FileError, Legacy, ReadError, Target};
use crate::linter::{Linter, Policy};

/// What `check` does with the fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Report,
    /// Apply fixes at or above the applicability and write them.
    Fix(Applicability),
    /// Show fixes at or above the applicability as a diff, write nothing.
    Diff(Applicability),
}

/// How files are read and written in a run.
pub struct Options<'a> {
    pub mode: Mode,
    /// The name standard input is shown with and read by (`--stdin-filename`).
    pub stdin_name: Option<&'a Path>,
    /// The encoding of files that are not UTF-8 (`--encoding`).
    pub fallback: Option<Legacy>,
    /// Set by Ctrl-C during `--fix`: files not yet written stay untouched.
    pub interrupted: &'a AtomicBool,
    /// Files written so far.
    pub written: &'a AtomicUsize,
}

/// One checked document.
pub struct Checked {
    /// The path as shown.
    pub path: String,
    /// The text the diagnostics are in: the text after fixes, when fixes were applied.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied (or, with `--diff`, would be).
    pub fixed: usize,
    /// The unified diff of the fixes (`--diff`), when there are any.
    pub diff: Option<String>,
    /// The fixed bytes of standard input (`--fix` with `-`), in its encoding.
    pub stdin_fixed: Option<Vec<u8>>,
}

/// The format of a target: by extension; standard input by `--stdin-filename`, else markdown.
pub fn kind_of(target: &Target, stdin_name: Option<&Path>) -> FileKind {
    match target {
        Target::File { path, .. } => FileKind::from_path(path),
        Target::Stdin => stdin_name.map_or(FileKind::Markdown, FileKind::from_path),
    }
}

/// Reads, lints and (by the mode) fixes one target. `Ok(None)`: a binary file found by walking,
/// or the run was interrupted.
pub fn check(
    linter: &Linter,
    policy: &Policy,
    target: &Target,
    options: &Options,
) -> Result<Option<Checked>, FileError> {
    if options.interrupted.load(Ordering::SeqCst) {
        return Ok(None);
    }
    let (path, decoded) = match target {
        Target::File { path, explicit } => {
            let shown = path.display().to_string();
            let decoded = match inputs::read(path, options.fallback) {
                Ok(decoded) => decoded,
                // Binary files found by walking are skipped, as in ripgrep.
                Err(ReadError::Binary { .. }) if !explicit => return Ok(None),
                Err(error) => {
                    return Err(FileError {
                        message: error.describe(&shown),
                        path: shown,
                    });
                }
            };
            (shown, decoded)
        }
        Target::Stdin => {
            let shown = options
                .stdin_name
                .map_or_else(|| "<stdin>".to_string(), |name| name.display().to_string());
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| FileError {
                    path: shown.clone(),
                    message: format!("не удалось прочитать стандартный ввод: {error}"),
                })?;
            let decoded =
                inputs::decode_bytes(bytes, options.fallback).map_err(|error| FileError {
                    path: shown.clone(),
                    message: error.describe(&shown),
                })?;
            (shown, decoded)
        }
    };
    let text = decoded.text;
    let kind = kind_of(target, options.stdin_name);
    let threshold = match options.mode {
        Mode::Report => {
            let diagnostics = linter.lint_with(&text, kind, policy);
            return Ok(Some(Checked {
                path,
                text,
                diagnostics,
                fixed: 0,
                diff: None,
                stdin_fixed: None,
            }));
        }
        Mode::Fix(threshold) | Mode::Diff(threshold) => threshold,
    };
    let fixed = linter.fix(&text, kind, policy, threshold);
    let changed = fixed.text != text;
    let mut checked = Checked {
        path: path.clone(),
        text: String::new(),
        diagnostics: fixed.remaining,
        fixed: fixed.applied,
        diff: None,
        stdin_fixed: None,
    };
    let failed = |message: String| FileError {
        path: path.clone(),
        message,
    };
    match (options.mode, target) {
        (Mode::Diff(_), _) if changed => {
            checked.diff = Some(
                similar::TextDiff::from_lines(&text, &fixed.text)
                    .unified_diff()
                    .context_radius(3)
                    .header(&patch_header(&path), &patch_header(&path))
                    .to_string(),
            );
        }
        (Mode::Fix(_), Target::Stdin) => {
            checked.stdin_fixed =
                Some(inputs::encode(&fixed.text, decoded.encoding).map_err(failed)?);
        }
        (Mode::Fix(_), Target::File { path: file, .. }) if changed => {
            // Back in the file's own encoding; nothing is written when that is impossible.
            let bytes = inputs::encode(&fixed.text, decoded.encoding).map_err(failed)?;
            if options.interrupted.load(Ordering::SeqCst) {
                return Ok(None);
            }
            inputs::write_atomically(file, &bytes)
                .map_err(|error| failed(format!("не удалось записать исправления: {error}")))?;
            options.written.fetch_add(1, Ordering::SeqCst);
        }
        _ => {}
    }
    checked.text = fixed.text;
    Ok(Some(checked))
}

/// The name in a diff header: a name with a space ends with a tab, where `patch` and `git apply`
/// look for the end of a name.
fn patch_header(shown: &str) -> String {
    let path = patch_path(shown);
    if path.contains(char::is_whitespace) {
        path + "\t"
    } else {
        path
    }
}

/// A path as `git apply -p0` and `patch -p0` take it: relative, with no `./` steps, `/` between
/// components; an absolute path under the working directory is made relative to it.
fn patch_path(shown: &str) -> String {
    let path = Path::new(shown);
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .filter(|part| !matches!(part, std::path::Component::CurDir))
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        return shown.to_string();
    }
    let joined = parts.join("/");
    if relative.is_absolute() {
        // The root component printed as "/" is joined with a slash already.
        joined.replacen("//", "/", 1)
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::patch_path;

    #[test]
    fn patch_paths_have_no_dot_steps() {
        assert_eq!(patch_path("./a.md"), "a.md");
        assert_eq!(patch_path("././docs/./a.md"), "docs/a.md");
        assert_eq!(patch_path("docs/a.md"), "docs/a.md");
        let cwd = std::env::current_dir().unwrap();
        let inside = cwd.join("docs").join("a.md");
        assert_eq!(patch_path(&inside.display().to_string()), "docs/a.md");
    }
}
