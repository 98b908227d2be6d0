//! The formats for other tools, through the real binary: reviewdog's rdjson and rdjsonl (checked
//! field by field against the format's definition, `reviewdog.proto`, and by reviewdog's RDFormat
//! validator), GitLab Code Quality (fingerprints unique and stable).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{anglint, json, stdout};
use serde_json::Value;

/// A document with a four-byte emoji and Cyrillic before the words (byte columns differ from
/// character columns), a safe fix of three words, an unsafe fix, and a word found twice.
const TEXT: &str = "# Итоги\n\nВажный митинг прошёл, фичу заапрувили.\n\nПрочитайте туториал. 🚀 Фича и ещё раз фича.\n";

fn rdjson(dir: &Path) -> Value {
    let output = anglint(&["check", "--format", "rdjson", "notes.md"], dir, None);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    json(&output)
}

/// Line and column (1-based, in UTF-8 bytes) of a reviewdog position as a byte offset.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let column = position["column"].as_u64().expect("a column") as usize;
    assert!(line >= 1 && column >= 1, "1-based: {position}");
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    start + column - 1
}

#[test]
fn rdjson_follows_reviewdogs_definition() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), TEXT).unwrap();
    let document = rdjson(dir.path());
    assert_eq!(document["source"]["name"], "anglint");
    assert_eq!(document["severity"], "WARNING");
    let diagnostics = document["diagnostics"].as_array().unwrap();
    let words: Vec<&str> = diagnostics
        .iter()
        .map(|diagnostic| {
            let range = &diagnostic["location"]["range"];
            &TEXT[offset(TEXT, &range["start"])..offset(TEXT, &range["end"])]
        })
        .collect();
    assert_eq!(
        words,
        ["митинг", "фичу", "заапрувили", "туториал", "Фича", "фича"],
        "ranges are half-open, columns in UTF-8 bytes"
    );
    for diagnostic in diagnostics {
        assert!(diagnostic["message"].as_str().unwrap().contains('«'));
        assert_eq!(diagnostic["location"]["path"], "notes.md");
        assert!(
            ["ERROR", "WARNING", "INFO"].contains(&diagnostic["severity"].as_str().unwrap()),
            "{diagnostic}"
        );
        let code = diagnostic["code"]["value"].as_str().unwrap();
        assert!(code.starts_with("AL"), "{code}");
        assert!(
            diagnostic["code"]["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("#{}", code.to_lowercase()))
        );
    }
    // Only safe fixes become suggestions: the unsafe one («туториал») does not.
    let suggested: Vec<&str> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.get("suggestions").is_some())
        .map(|diagnostic| diagnostic["suggestions"][0]["text"].as_str().unwrap())
        .collect();
    assert_eq!(suggested, ["Важная встреча прошла", "функцию", "одобрили"]);
    assert!(diagnostics[3].get("suggestions").is_none());
}

/// Applying every suggestion gives the text `--fix` writes.
#[test]
fn rdjson_suggestions_apply_like_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), TEXT).unwrap();
    let document = rdjson(dir.path());
    let mut edits: Vec<(usize, usize, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|diagnostic| {
            diagnostic["suggestions"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|suggestion| {
            (
                offset(TEXT, &suggestion["range"]["start"]),
                offset(TEXT, &suggestion["range"]["end"]),
                suggestion["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut applied = TEXT.to_string();
    for (start, end, text) in edits {
        applied.replace_range(start..end, &text);
    }
    anglint(&["check", "--fix", "notes.md"], dir.path(), None);
    assert_eq!(
        applied,
        fs::read_to_string(dir.path().join("notes.md")).unwrap()
    );
}

#[test]
fn rdjsonl_is_the_same_diagnostics_one_per_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), TEXT).unwrap();
    let document = rdjson(dir.path());
    let output = anglint(
        &["check", "--format", "rdjsonl", "notes.md", "missing.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let diagnostics = document["diagnostics"].as_array().unwrap();
    assert_eq!(&lines[..diagnostics.len()], diagnostics.as_slice());
    // The file that could not be read: an error without a range.
    let last = lines.last().unwrap();
    assert_eq!(last["severity"], "ERROR");
    assert_eq!(last["location"]["path"], "missing.md");
    assert!(last["location"].get("range").is_none());
}

#[test]
fn rdjson_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("memo.md"),
        "Мы выкатили новую фичу, KPI растёт.\n",
    )
    .unwrap();
    let output = anglint(
        &["check", "--format", "rdjson", "memo.md"],
        dir.path(),
        None,
    );
    insta::assert_snapshot!(stdout(&output));
}

/// reviewdog's RDFormat validator (an npm package, installed by
/// `scripts/rdformat-validator.sh`) accepts the document and each line of rdjsonl.
#[test]
fn reviewdogs_validator_accepts_rdjson_and_rdjsonl() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let installed = Command::new("bash")
        .arg(root.join("scripts/rdformat-validator.sh"))
        .output()
        .expect("bash runs");
    assert!(
        installed.status.success(),
        "scripts/rdformat-validator.sh: {}",
        String::from_utf8_lossy(&installed.stderr)
    );
    let validator = String::from_utf8(installed.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), TEXT).unwrap();
    let mut files = Vec::new();
    let output = anglint(
        &["check", "--format", "rdjson", "notes.md", "missing.md"],
        dir.path(),
        None,
    );
    fs::write(dir.path().join("result.json"), &output.stdout).unwrap();
    files.push("result.json".to_string());
    let output = anglint(
        &["check", "--format", "rdjsonl", "notes.md"],
        dir.path(),
        None,
    );
    for (index, line) in stdout(&output).lines().enumerate() {
        let name = format!("line{index}.json");
        fs::write(dir.path().join(&name), line).unwrap();
        files.push(name);
    }
    let checked = Command::new(validator.trim())
        .args(["--strict", "--format", "json"])
        .args(&files)
        .current_dir(dir.path())
        .output()
        .expect("the validator runs");
    let report: Value = serde_json::from_slice(&checked.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&checked.stderr)));
    assert_eq!(report["validFiles"], files.len(), "{report:#}");
    assert!(checked.status.success(), "{report:#}");
}

fn gitlab(dir: &Path, text: &str) -> Vec<Value> {
    fs::write(dir.join("notes.md"), text).unwrap();
    let output = anglint(&["check", "--format", "gitlab", "./notes.md"], dir, None);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    json(&output).as_array().unwrap().clone()
}

#[test]
fn gitlab_issues_have_unique_fingerprints_that_survive_edits_above() {
    let dir = tempfile::tempdir().unwrap();
    let issues = gitlab(dir.path(), TEXT);
    assert_eq!(issues.len(), 6);
    let fingerprints: Vec<&str> = issues
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap())
        .collect();
    let mut unique = fingerprints.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), fingerprints.len(), "{fingerprints:?}");
    for issue in &issues {
        assert_eq!(issue["location"]["path"], "notes.md");
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(issue["check_name"].as_str().unwrap().starts_with("AL"));
        assert!(issue["description"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    // Lines added above move the issues, not their fingerprints.
    let moved = gitlab(dir.path(), &format!("Вступление.\n\nЕщё абзац.\n\n{TEXT}"));
    let moved_fingerprints: Vec<&str> = moved
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(moved_fingerprints, fingerprints);
    assert_eq!(
        moved[0]["location"]["lines"]["begin"].as_u64().unwrap(),
        issues[0]["location"]["lines"]["begin"].as_u64().unwrap() + 4
    );
}

#[test]
fn gitlab_repeated_words_get_their_own_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    let issues = gitlab(dir.path(), "Фича готова.\n\nфича, фича и снова фича.\n");
    assert_eq!(issues.len(), 4);
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 4);
}

#[test]
fn gitlab_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("memo.md"),
        "Мы выкатили новую фичу, KPI растёт.\n",
    )
    .unwrap();
    let output = anglint(
        &["check", "--format", "gitlab", "memo.md", "missing.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stdout(&output));
}
