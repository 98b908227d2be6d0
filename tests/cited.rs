//! Someone else's words with the real binary: jargon in the title of a linked article, a quoted
//! name or a word mentioned as a word is only a hint, and `--fix --unsafe-fixes` leaves it alone;
//! the same word in the author's own sentence, or in a link to the author's own heading, is a
//! normal finding and is fixed.

mod common;

use std::fs;

use common::{anglint, json, stdout};

const DOCUMENT: &str = "# Материалы\n\n\
    - [Гайд по запуску фичи](https://habr.com/ru/post/1/)\n\
    - [Новая фича](#новая-фича)\n\n\
    Подпишитесь на канал «Полтора продакта» и прочтите книгу «Как выпустить фичу».\n\n\
    Не говорите слово «фича»: мы выпустили новую фичу.\n";

/// Each finding as (line, matched, severity, whether it has a fix).
fn findings(document: &serde_json::Value) -> Vec<(u64, String, String, bool)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["line"].as_u64().unwrap(),
                diagnostic["matched"].as_str().unwrap().to_string(),
                diagnostic["severity"].as_str().unwrap().to_string(),
                !diagnostic["fix"].is_null(),
            )
        })
        .collect()
}

#[test]
fn cited_words_are_hints_without_fixes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), DOCUMENT).unwrap();
    let output = anglint(&["check", "--format", "json", "doc.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    let owned = |line: u64, matched: &str, severity: &str, fix: bool| {
        (line, matched.to_string(), severity.to_string(), fix)
    };
    assert_eq!(
        findings(&json(&output)),
        vec![
            // The title of an article on another site.
            owned(3, "Гайд", "info", false),
            owned(3, "фичи", "info", false),
            // A table of contents echoes the author's own heading.
            owned(4, "фича", "warning", true),
            // A quoted name of a channel and a quoted title of a book.
            owned(6, "продакта", "info", false),
            owned(6, "фичу", "info", false),
            // A word mentioned as a word, then the same word used.
            owned(8, "фича", "info", false),
            owned(8, "фичу", "warning", true),
        ]
    );
}

#[test]
fn the_note_says_why_and_the_suggestions_stay() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), DOCUMENT).unwrap();
    let text = stdout(&anglint(&["check", "doc.md"], dir.path(), None));
    assert!(
        text.contains("совет[AL001]: «фичи» — жаргонизм (англ. feature)"),
        "{text}"
    );
    assert!(
        text.contains(
            "Похоже на название чужого материала в тексте ссылки: не ваша формулировка, \
             поэтому только совет и без исправления."
        ),
        "{text}"
    );
    assert!(
        text.contains("Похоже на название или цитату: не ваша формулировка"),
        "{text}"
    );
    assert!(
        text.contains("Слово упомянуто как слово, а не употреблено"),
        "{text}"
    );
    assert!(
        text.contains("замените на «функции», «возможности»"),
        "{text}"
    );
}

#[test]
fn fixes_leave_cited_words_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), DOCUMENT).unwrap();
    let output = anglint(
        &["check", "--fix", "--unsafe-fixes", "doc.md"],
        dir.path(),
        None,
    );
    // What remains are the cited words, hints («совет») only: they do not fail the run.
    assert!(
        stdout(&output).contains("совет[AL001]"),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let fixed = fs::read_to_string(dir.path().join("doc.md")).unwrap();
    assert_eq!(
        fixed,
        "# Материалы\n\n\
         - [Гайд по запуску фичи](https://habr.com/ru/post/1/)\n\
         - [Новая функция](#новая-фича)\n\n\
         Подпишитесь на канал «Полтора продакта» и прочтите книгу «Как выпустить фичу».\n\n\
         Не говорите слово «фича»: мы выпустили новую функцию.\n"
    );
}

#[test]
fn a_team_severity_does_not_raise_cited_words() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("doc.txt"),
        "Термин «фича» — жаргон, а фича — наша.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("anglint.toml"),
        "[severity]\n\"фича\" = \"error\"\n",
    )
    .unwrap();
    let output = anglint(&["check", "--format", "json", "doc.txt"], dir.path(), None);
    let found: Vec<(String, String)> = findings(&json(&output))
        .into_iter()
        .map(|(_, matched, severity, _)| (matched, severity))
        .collect();
    assert_eq!(
        found,
        vec![
            ("фича".to_string(), "info".to_string()),
            ("фича".to_string(), "error".to_string()),
        ]
    );
}
