//! GitLab Code Quality (a subset of Code Climate's issue format): one JSON array of issues with
//! `description`, `check_name`, `fingerprint`, `severity` (`info`, `minor`, `major`) and
//! `location` (`path` and `lines`). GitLab compares the fingerprints of two pipelines to tell new
//! findings from old ones, so a fingerprint names the finding, not its place: the path, the rule,
//! the matched words and which occurrence of them in the file it is — a line added above leaves
//! it as it was. The hash is FNV-1a of 128 bits, written here: stable across Rust versions and
//! platforms, which std's `DefaultHasher` does not promise.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{FileError, FileReport, indented};
use crate::diagnostic::Severity;

#[derive(Serialize)]
pub(super) struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: Cow<'a, str>,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

/// The path as GitLab shows it: relative, with `/`, without leading `./`.
fn path(shown: &str) -> String {
    let mut path = shown.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_string();
    }
    path
}

/// FNV-1a, 128 bits, over the parts separated by NUL bytes; 32 hexadecimal digits.
fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for (index, part) in parts.iter().enumerate() {
        let separator: &[u8] = if index == 0 { &[] } else { &[0] };
        for &byte in separator.iter().chain(part.as_bytes()) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:032x}")
}

/// The issues of one file, in order.
pub(super) fn issues(report: &FileReport) -> Vec<Issue<'_>> {
    let shown = path(&report.path);
    // How many times each rule has found the same words in this file so far.
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|located| {
            let diagnostic = &located.diagnostic;
            let code = diagnostic.rule.code();
            let occurrence = seen.entry((code, &diagnostic.matched)).or_insert(0);
            let fingerprint =
                fingerprint(&[&shown, code, &diagnostic.matched, &occurrence.to_string()]);
            *occurrence += 1;
            Issue {
                kind: "issue",
                check_name: code,
                description: Cow::Borrowed(&diagnostic.message),
                categories: ["Style"],
                severity: severity(diagnostic.severity),
                fingerprint,
                location: Location {
                    path: shown.clone(),
                    lines: Lines {
                        begin: located.start.line,
                        end: located.end.line,
                    },
                },
            }
        })
        .collect()
}

/// Opens the array.
pub(super) fn start(out: &mut dyn WriteColor) -> io::Result<()> {
    write!(out, "[")
}

/// The files that could not be linted, as `major` issues on their first line, then the end of
/// the array (`items` issues so far).
pub(super) fn finish(
    out: &mut dyn WriteColor,
    items: usize,
    errors: &[FileError],
) -> io::Result<()> {
    let mut items = items;
    for error in errors {
        let shown = path(&error.path);
        let issue = Issue {
            kind: "issue",
            check_name: "anglint",
            description: Cow::Owned(format!("не удалось проверить файл: {}", error.message)),
            categories: ["Style"],
            severity: "major",
            fingerprint: fingerprint(&[&shown, "error"]),
            location: Location {
                path: shown.clone(),
                lines: Lines { begin: 1, end: 1 },
            },
        };
        let separator = if items == 0 { "" } else { "," };
        write!(out, "{separator}\n  {}", indented(&issue, 2)?)?;
        items += 1;
    }
    writeln!(out, "{}]", if items == 0 { "" } else { "\n" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_fnv1a_128_and_separate_their_parts() {
        // FNV-1a 128 of the empty input is the offset basis; of "a" a known value.
        assert_eq!(fingerprint(&[""]), "6c62272e07bb014262b821756295c58d");
        assert_eq!(fingerprint(&["a"]), "d228cb696f1a8caf78912b704e4a8964");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }

    #[test]
    fn paths_lose_their_leading_dot_steps() {
        assert_eq!(path("././docs/a.md"), "docs/a.md");
        assert_eq!(path("docs\\a.md"), "docs/a.md");
        assert_eq!(path("../a.md"), "../a.md");
    }
}
