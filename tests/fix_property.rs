//! A property of every fix: applying it and linting again gives no diagnostic at a place that
//! was not reported before — a fix neither writes a word that is reported nor makes a word
//! around it reported. Checked for each diagnostic's fix alone, at every level (an editor may
//! apply a display-only one), on the fixtures, the real texts and the fix table.

use std::ops::Range;
use std::sync::LazyLock;

use anglint::diagnostic::{Diagnostic, Edit};
use anglint::{FileKind, Linter};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::builtin().unwrap_or_else(|error| panic!("{error}")));

/// The documents: the fixtures, the real texts without their labels, the fix table's sentences.
fn documents() -> Vec<(String, String, FileKind)> {
    let mut documents = Vec::new();
    let label = regex::Regex::new(r"\[\[([^\]|]*)(?:\|[a-z]+)?\]\]|\{\{([^}]*)\}\}").unwrap();
    for dir in ["fixtures", "tests/real/texts"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let text = label.replace_all(&text, "$1$2").into_owned();
            documents.push((path.display().to_string(), text, FileKind::from_path(&path)));
        }
    }
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string("tests/fix-table/cases.toml").unwrap()).unwrap();
    for case in table["case"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap().to_string();
        documents.push(("tests/fix-table".into(), text, FileKind::Markdown));
    }
    documents
}

/// Where a span of the text after `edits` was before them, if no edit touched it.
fn before_edits(span: &Range<usize>, edits: &[Edit]) -> Option<Range<usize>> {
    let mut delta: isize = 0;
    let mut position: isize = 0;
    for edit in edits {
        let start = edit.span.start as isize + position;
        let end = start + edit.replacement.len() as isize;
        if (span.start as isize) < end && start < span.end as isize {
            return None;
        }
        if end <= span.start as isize {
            delta += edit.replacement.len() as isize - edit.span.len() as isize;
        }
        position += edit.replacement.len() as isize - edit.span.len() as isize;
    }
    let start = (span.start as isize - delta) as usize;
    Some(start..start + span.len())
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for edit in edits {
        out.push_str(&text[last..edit.span.start]);
        out.push_str(&edit.replacement);
        last = edit.span.end;
    }
    out.push_str(&text[last..]);
    out
}

#[test]
fn a_fix_reports_nothing_new() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, text, kind) in documents() {
        let diagnostics = LINTER.lint(&text, kind);
        let reported: Vec<&Range<usize>> = diagnostics.iter().map(|d| &d.span).collect();
        for diagnostic in &diagnostics {
            let Some(fix) = &diagnostic.fix else {
                continue;
            };
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|edit| edit.span.start);
            checked += 1;
            let after = apply(&text, &edits);
            let new: Vec<Diagnostic> = LINTER.lint(&after, kind);
            for other in &new {
                let place = before_edits(&other.span, &edits);
                if place
                    .as_ref()
                    .is_none_or(|place| !reported.contains(&place))
                {
                    failures.push(format!(
                        "{name}: «{}» → {:?}: новое замечание «{}» в «{}»",
                        diagnostic.matched,
                        edits
                            .iter()
                            .map(|edit| edit.replacement.as_str())
                            .collect::<Vec<_>>(),
                        other.matched,
                        after
                            .get(
                                other.span.start.saturating_sub(60)
                                    ..(other.span.end + 60).min(after.len())
                            )
                            .unwrap_or("")
                            .replace('\n', " ")
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    assert!(
        failures.is_empty(),
        "{} из {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
