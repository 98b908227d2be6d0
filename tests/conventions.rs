//! The conventions of `check` shared with ruff and Vale, through the real binary: `--quiet`,
//! `--exit-zero`, `--statistics`, `--output-file`, `--fail-on` (and `fail-on` in anglint.toml),
//! `--unsafe-fixes` alone, standard input without `-`, no files to check, `.mdx` and
//! `extend-include`.

mod common;

use std::fs;
use std::process::{Command, Stdio};

use common::{anglint, json, stderr, stdout, write};

/// Two warnings and a hint («совет»): «фичу», «релиз», «KPI».
const MEMO: &str = "Мы выкатили новую фичу. Релиз в пятницу, KPI растёт.\n";

/// Hints only: «KPI».
const HINTS: &str = "Обсудим KPI.\n";

#[test]
fn quiet_prints_the_findings_without_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "memo.md", MEMO);
    let output = anglint(&["check", "-q", "memo.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("предупреждение[AL001]"), "{text}");
    assert!(!text.contains("Найдено"), "{text}");
    let output = anglint(&["check", "--quiet", "memo.md"], dir.path(), None);
    assert_eq!(stdout(&output), text);
}

#[test]
fn exit_zero_keeps_errors_at_two() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "memo.md", MEMO);
    let output = anglint(&["check", "--exit-zero", "memo.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("Найдено 3 замечания"));
    let output = anglint(
        &["check", "--exit-zero", "memo.md", "missing.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn statistics_count_by_rule_and_term_most_frequent_first() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", MEMO);
    write(dir.path(), "b.md", "Фичи и фича. Отчёт про KPI.\n");
    let output = anglint(&["check", "--statistics", "a.md", "b.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("3  AL001  фича ") && lines[0].contains("jargon"),
        "{text}"
    );
    assert!(lines[1].starts_with("2  AL003  KPI "), "{text}");
    assert!(lines[2].starts_with("1  AL002  релиз"), "{text}");
    assert!(lines[3].starts_with("Найдено 6 замечаний"), "{text}");
    assert!(!text.contains('│'), "no findings: {text}");
    let output = anglint(
        &["check", "--statistics", "--quiet", "a.md", "b.md"],
        dir.path(),
        None,
    );
    assert_eq!(stdout(&output).lines().count(), 3);
    let output = anglint(
        &["check", "--statistics", "--format", "json", "a.md", "b.md"],
        dir.path(),
        None,
    );
    let rows = json(&output);
    assert_eq!(rows[0]["code"], "AL001");
    assert_eq!(rows[0]["name"], "jargon");
    assert_eq!(rows[0]["term"], "фича");
    assert_eq!(rows[0]["count"], 3);
    assert!(rows[0]["fixable"].as_u64().unwrap() >= 1);
    assert_eq!(rows.as_array().unwrap().len(), 3);
    // A format statistics cannot be written in is a usage error.
    let output = anglint(
        &["check", "--statistics", "--format", "sarif", "a.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--statistics"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn output_file_takes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "memo.md", MEMO);
    let output = anglint(
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "reports/anglint.json",
            "memo.md",
        ],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("reports/anglint.json")).unwrap())
            .unwrap();
    assert_eq!(report["summary"]["diagnostics"], 3);
    // The report for people goes there too, without colours.
    let output = anglint(
        &[
            "check",
            "--color",
            "always",
            "--output-file",
            "out.txt",
            "memo.md",
        ],
        dir.path(),
        None,
    );
    assert_eq!(stdout(&output), "");
    let text = fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(text.contains("Найдено 3 замечания"), "{text}");
    // A file that cannot be written: an error before anything is checked.
    write(dir.path(), "blocker", "");
    let output = anglint(
        &["check", "--output-file", "blocker/out.txt", "memo.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("не удалось записать отчет"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn fail_on_sets_the_severity_that_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "hints.md", HINTS);
    write(dir.path(), "memo.md", MEMO);
    // By default hints alone do not fail the run, warnings do.
    let code = |args: &[&str]| anglint(args, dir.path(), None).status.code();
    assert_eq!(code(&["check", "hints.md"]), Some(0));
    assert_eq!(code(&["check", "memo.md"]), Some(1));
    assert_eq!(code(&["check", "--fail-on", "info", "hints.md"]), Some(1));
    assert_eq!(code(&["check", "--fail-on", "error", "memo.md"]), Some(0));
    // The configuration's key, and the flag over it.
    write(dir.path(), "anglint.toml", "fail-on = \"info\"\n");
    assert_eq!(code(&["check", "hints.md"]), Some(1));
    assert_eq!(
        code(&["check", "--fail-on", "warning", "hints.md"]),
        Some(0)
    );
    // A word raised to an error fails a run that fails on errors only.
    write(
        dir.path(),
        "anglint.toml",
        "fail-on = \"error\"\n[severity]\n\"фича\" = \"error\"\n",
    );
    assert_eq!(code(&["check", "memo.md"]), Some(1));
    assert_eq!(
        code(&["check", "--no-config", "--fail-on", "error", "memo.md"]),
        Some(0)
    );
}

#[test]
fn unsafe_fixes_alone_say_they_do_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "memo.md", MEMO);
    let output = anglint(&["check", "--unsafe-fixes", "memo.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--unsafe-fixes ничего не меняет без --fix или --diff"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("memo.md")).unwrap(),
        MEMO
    );
    let output = anglint(
        &["check", "--fix", "--unsafe-fixes", "memo.md"],
        dir.path(),
        None,
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn piped_standard_input_needs_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "memo.md", MEMO);
    let output = anglint(&["check"], dir.path(), Some(MEMO));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("anglint check -"),
        "{}",
        stderr(&output)
    );
    // With `-` the text is read.
    let output = anglint(&["check", "-"], dir.path(), Some(MEMO));
    assert_eq!(output.status.code(), Some(1));
    // Standard input that is not redirected (here: none at all) leaves the current directory.
    let output = Command::new(env!("CARGO_BIN_EXE_anglint"))
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["summary"]["files_checked"], 1);
}

#[test]
fn no_files_to_check_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty/code.rs", "// фича\n");
    let output = anglint(&["check", "empty"], dir.path(), None);
    assert_eq!(output.status.code(), Some(0));
    let warning = stderr(&output);
    assert!(
        warning.contains("не найдено файлов для проверки в empty") && warning.contains(".mdx"),
        "{warning}"
    );
    let output = anglint(&["check", "-q", "empty"], dir.path(), None);
    assert_eq!(stderr(&output), "");
    // Files found: no warning.
    write(dir.path(), "empty/a.md", "Текст.\n");
    assert_eq!(stderr(&anglint(&["check", "empty"], dir.path(), None)), "");
}

#[test]
fn mdx_is_markdown_and_extend_include_adds_extensions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "docs/page.mdx",
        "# Релиз\n\n```js\nconst фича = 1;\n```\n",
    );
    write(dir.path(), "docs/guide.rst", "Фича готова.\n");
    write(dir.path(), "docs/notes.adoc", "Релиз завтра.\n");
    write(dir.path(), "docs/main.rs", "// фича\n");
    let paths = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let output = anglint(&all, dir.path(), None);
        let document = json(&output);
        let mut paths: Vec<String> = document["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {}", d["path"].as_str().unwrap(), d["matched"]))
            .collect();
        paths.sort();
        paths
    };
    // `.mdx` as markdown: the code block is not prose.
    assert_eq!(paths(&["docs"]), ["docs/page.mdx \"Релиз\""]);
    write(
        dir.path(),
        "anglint.toml",
        "extend-include = [\"*.rst\", \"adoc\"]\n",
    );
    assert_eq!(
        paths(&["docs"]),
        [
            "docs/guide.rst \"Фича\"",
            "docs/notes.adoc \"Релиз\"",
            "docs/page.mdx \"Релиз\""
        ]
    );
    // `anglint init` writes both new keys.
    let init = tempfile::tempdir().unwrap();
    assert_eq!(anglint(&["init"], init.path(), None).status.code(), Some(0));
    let template = fs::read_to_string(init.path().join("anglint.toml")).unwrap();
    assert!(template.contains("# fail-on = \"warning\""), "{template}");
    assert!(template.contains("extend-include = []"), "{template}");
}

/// clap's own English (`Usage:`, `Options:`, `Print help`, `[default: …]`) is nowhere in the
/// help of any command, short or long.
#[test]
fn help_is_in_russian_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let english = [
        "Usage",
        "Options",
        "Arguments",
        "Commands",
        "Print",
        "default:",
        "possible values",
        "Possible values",
        "[OPTIONS]",
        "<COMMAND>",
        "see more",
    ];
    for command in [
        "",
        "check",
        "explain",
        "init",
        "lsp",
        "dict",
        "dict list",
        "dict forms",
        "dict check",
    ] {
        for flag in ["--help", "-h"] {
            let mut args: Vec<&str> = command.split_whitespace().collect();
            args.push(flag);
            let output = anglint(&args, dir.path(), None);
            assert_eq!(output.status.code(), Some(0), "{args:?}");
            let help = stdout(&output);
            assert!(help.contains("Использование: anglint"), "{args:?}: {help}");
            assert!(help.contains("Показать эту справку"), "{args:?}: {help}");
            for word in english {
                assert!(!help.contains(word), "{args:?}: «{word}» in\n{help}");
            }
        }
    }
    let help = stdout(&anglint(&["--help"], dir.path(), None));
    assert!(
        help.starts_with("Находит англицизмы")
            && help.contains("Использование: anglint [ПАРАМЕТРЫ] <КОМАНДА>")
            && help.contains("Команды:")
            && help.contains("Показать версию"),
        "{help}"
    );
    let help = stdout(&anglint(&["check", "--help"], dir.path(), None));
    assert!(
        help.contains("Использование: anglint check [ПАРАМЕТРЫ] [ПУТЬ]...")
            && help.contains("Аргументы:")
            && help.contains("[по умолчанию: human]")
            && help.contains("- rdjson: reviewdog"),
        "{help}"
    );
}

#[test]
fn usage_errors_are_in_russian_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let error = |args: &[&str]| {
        let output = anglint(args, dir.path(), None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&output), "");
        stderr(&output)
    };
    let message = error(&["check", "--frob"]);
    assert!(
        message.starts_with("ошибка: неизвестный параметр «--frob»\n"),
        "{message}"
    );
    assert!(
        message.contains("Использование: anglint check [ПАРАМЕТРЫ] [ПУТЬ]...")
            && message.contains("Подробнее: anglint check --help"),
        "{message}"
    );
    let message = error(&["check", "--formt", "json"]);
    assert!(message.contains("может быть, «--format»?"), "{message}");
    let message = error(&["check", "--format", "xml"]);
    assert!(
        message.starts_with("ошибка: недопустимое значение «xml» у «--format <ФОРМАТ>»")
            && message.contains(
                "возможные значения: human, json, concise, github, sarif, rdjson, rdjsonl, gitlab"
            ),
        "{message}"
    );
    let message = error(&["frobnicate"]);
    assert!(
        message.starts_with("ошибка: неизвестная команда «frobnicate»"),
        "{message}"
    );
    let message = error(&["check", "--config", "a.toml", "--no-config"]);
    assert!(
        message.contains("нельзя указать вместе с «--no-config»"),
        "{message}"
    );
    let message = error(&["dict", "check"]);
    assert!(
        message.starts_with("ошибка: не хватает аргумента: <ФАЙЛ>..."),
        "{message}"
    );
    let message = error(&["check", "-j", "0"]);
    assert!(
        message.contains("неверное значение «0» у «--threads <N>»"),
        "{message}"
    );
}
