//! Snapshots of the full diagnostics for each realistic document in `fixtures/`, as the user sees
//! them: a change in what is found shows up in review.

use std::process::Command;

fn check(fixture: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_anglint"))
        .args(["check", "--color", "never", &format!("fixtures/{fixture}")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

macro_rules! fixture {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(check($file));
        }
    };
}

fixture!(product_spec, "product-spec.md");
fixture!(release_notes, "release-notes.md");
fixture!(sales_memo, "sales-memo.md");
fixture!(weekly_status, "weekly-status.txt");
fixture!(plain_russian, "plain-russian.md");
fixture!(mixed_edge_cases, "mixed-edge-cases.md");

#[test]
fn plain_russian_has_no_findings() {
    assert!(check("plain-russian.md").starts_with("Замечаний нет"));
}

#[test]
fn spans_slice_exactly_the_matched_text() {
    let linter = anglint::Linter::builtin().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let diagnostics = linter.lint(&text, anglint::FileKind::from_path(&path));
        let mut previous_end = 0;
        for diagnostic in diagnostics {
            let span = diagnostic.span.clone();
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert_eq!(text[span.clone()], diagnostic.matched, "{}", path.display());
            assert!(
                span.start >= previous_end,
                "overlapping or unordered: {span:?}"
            );
            previous_end = span.end;
        }
    }
}
