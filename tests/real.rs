#![allow(clippy::print_stdout, clippy::print_stderr)]
//! The public evaluation on real texts written by others (tests/real, see its README.md).
//!
//! Every text carries inline labels: `[[span]]` or `[[span|cause]]` must be flagged, `{{span}}`
//! may be. The labels are stripped, the plain texts are linted in one run of the real binary, and
//! recall (must-flag spans that some diagnostic overlaps) and precision (diagnostics that overlap
//! a labelled span) must stay at or above the floor in tests/real/floor.toml. The same scoring,
//! with the misses and false positives listed, is `python3 scripts/real-eval.py`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

const CAUSES: [&str; 6] = ["word", "latin", "variant", "derived", "compound", "calque"];

#[derive(Debug, PartialEq)]
struct Span {
    must: bool,
    cause: Option<String>,
    text: String,
    /// UTF-8 byte offsets into the plain text, half-open.
    start: usize,
    end: usize,
}

/// Strips the labels: the plain text and the labelled spans.
fn parse_labels(labelled: &str) -> Result<(String, Vec<Span>), String> {
    let mut plain = String::with_capacity(labelled.len());
    let mut spans = Vec::new();
    let mut rest = labelled;
    while let Some(at) = rest.find(['[', '{', ']', '}']) {
        let bracket = rest[at..].chars().next().unwrap();
        let run = rest[at..].len() - rest[at..].trim_start_matches(bracket).len();
        if run < 2 {
            plain.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
            continue;
        }
        if bracket == ']' || bracket == '}' {
            return Err(format!("stray closing label near {:?}", context(rest, at)));
        }
        // In a run of brackets the last two open the label; the others are text.
        let open = at + run - 2;
        plain.push_str(&rest[..open]);
        let close = if bracket == '[' { "]]" } else { "}}" };
        let inner_start = open + 2;
        let Some(len) = rest[inner_start..].find(close) else {
            return Err(format!("unclosed label near {:?}", context(rest, at)));
        };
        let inner = &rest[inner_start..inner_start + len];
        if inner.contains('\n') || inner.contains("[[") || inner.contains("{{") {
            return Err(format!("label crosses a line or nests: {inner:?}"));
        }
        let must = bracket == '[';
        let (text, cause) = match inner.rsplit_once('|') {
            Some((text, cause)) if must => {
                if !CAUSES.contains(&cause) {
                    return Err(format!("unknown cause {cause:?} in {inner:?}"));
                }
                (text, Some(cause.to_string()))
            }
            Some(_) => return Err(format!("a may-flag label takes no cause: {inner:?}")),
            None => (inner, must.then(|| "word".to_string())),
        };
        if text.trim().is_empty() {
            return Err(format!("empty label near {:?}", context(rest, at)));
        }
        let start = plain.len();
        plain.push_str(text);
        spans.push(Span {
            must,
            cause,
            text: text.to_string(),
            start,
            end: plain.len(),
        });
        rest = &rest[inner_start + len + 2..];
    }
    plain.push_str(rest);
    Ok((plain, spans))
}

fn context(text: &str, at: usize) -> &str {
    let end = text[at..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(i, _)| at + i);
    &text[at..end]
}

struct Text {
    name: String,
    plain: String,
    spans: Vec<Span>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("real")
}

fn load_texts() -> Vec<Text> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("texts"))
        .expect("tests/real/texts")
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "md" || ext == "txt")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no texts in tests/real/texts");
    paths
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let labelled = fs::read_to_string(path).unwrap();
            let (plain, spans) =
                parse_labels(&labelled).unwrap_or_else(|error| panic!("{name}: {error}"));
            Text { name, plain, spans }
        })
        .collect()
}

/// `recall` and `precision` from tests/real/floor.toml (`key = number` lines, `#` comments).
fn floor(key: &str) -> f64 {
    let text = fs::read_to_string(root().join("floor.toml")).expect("tests/real/floor.toml");
    text.lines()
        .map(|line| line.split('#').next().unwrap().trim())
        .filter_map(|line| line.split_once('='))
        .find(|(name, _)| name.trim() == key)
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or_else(|| panic!("tests/real/floor.toml has no number for {key}"))
}

struct Diagnostic {
    file: String,
    start: usize,
    end: usize,
    matched: String,
}

/// Lints the plain texts in a fresh directory with one run of the real binary.
fn lint(texts: &[Text]) -> Vec<Diagnostic> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("anglint-real-{}-{nanos}", std::process::id()));
    fs::create_dir_all(dir.join("texts")).unwrap();
    for text in texts {
        fs::write(dir.join("texts").join(&text.name), &text.plain).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_anglint"))
        .args(["check", "--no-config", "--format", "json", "texts"])
        .current_dir(&dir)
        .output()
        .expect("run anglint");
    fs::remove_dir_all(&dir).ok();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "anglint exited with {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["errors"], serde_json::json!([]), "anglint errors");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Diagnostic {
            file: Path::new(d["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            start: d["byte_start"].as_u64().unwrap() as usize,
            end: d["byte_end"].as_u64().unwrap() as usize,
            matched: d["matched"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[test]
fn recall_and_precision_on_real_texts_stay_above_the_floor() {
    let texts = load_texts();
    let diagnostics = lint(&texts);
    for d in &diagnostics {
        assert!(
            texts.iter().any(|text| text.name == d.file),
            "a diagnostic in an unknown file: {}",
            d.file
        );
    }
    let (mut must, mut found, mut all, mut correct) = (0, 0, 0, 0);
    let mut report = String::new();
    for text in &texts {
        let here: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.file == text.name).collect();
        for span in text.spans.iter().filter(|span| span.must) {
            must += 1;
            if here
                .iter()
                .any(|d| overlaps((span.start, span.end), (d.start, d.end)))
            {
                found += 1;
            } else {
                let cause = span.cause.as_deref().unwrap_or("word");
                writeln!(report, "  missed ({cause}) {}: {}", text.name, span.text).unwrap();
            }
        }
        for d in &here {
            all += 1;
            if text
                .spans
                .iter()
                .any(|span| overlaps((span.start, span.end), (d.start, d.end)))
            {
                correct += 1;
            } else {
                writeln!(report, "  false positive {}: {}", text.name, d.matched).unwrap();
            }
        }
    }
    let recall = found as f64 / must as f64;
    let precision = if all == 0 {
        1.0
    } else {
        correct as f64 / all as f64
    };
    let summary = format!(
        "recall {recall:.4} ({found} of {must} must-flag spans), \
         precision {precision:.4} ({correct} of {all} diagnostics)"
    );
    eprintln!("{summary}");
    assert!(
        recall >= floor("recall") && precision >= floor("precision"),
        "below the floor in tests/real/floor.toml: {summary}\n{report}"
    );
}

#[test]
fn labels_parse_to_byte_spans_of_the_plain_text() {
    let (plain, spans) =
        parse_labels("[[[Middle Product|latin]]](#m) и {{кейс}}, [[фичи]] ✓ [[лид]]").unwrap();
    assert_eq!(plain, "[Middle Product](#m) и кейс, фичи ✓ лид");
    let texts: Vec<&str> = spans.iter().map(|s| &plain[s.start..s.end]).collect();
    assert_eq!(texts, ["Middle Product", "кейс", "фичи", "лид"]);
    assert_eq!(spans[0].cause.as_deref(), Some("latin"));
    assert_eq!(spans[1].cause, None);
    assert!(!spans[1].must);
    assert_eq!(spans[2].cause.as_deref(), Some("word"));
    for bad in [
        "[[фичи|typo]]",
        "{{кейс|latin}}",
        "[[фичи",
        "фичи]]",
        "[[фи\nчи]]",
        "[[]]",
    ] {
        assert!(parse_labels(bad).is_err(), "{bad:?} should not parse");
    }
}
