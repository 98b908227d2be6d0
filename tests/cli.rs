//! The real binary: exit codes, inputs (paths, directories, stdin), output formats, commands.

mod common;

use std::fs;
use std::process::Command;

use common::{anglint, json, stdout};

#[test]
fn human_output_names_rule_place_word_and_replacements() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("memo.md"),
        "# Новости\n\nМы выкатили новую фичу для сейлзов.\n",
    )
    .unwrap();
    let output = anglint(&["check", "memo.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("предупреждение[AL001]: «фичу» — жаргонизм (англ. feature)"),
        "{text}"
    );
    assert!(text.contains("memo.md:3:19"), "{text}");
    assert!(
        text.contains("Мы выкатили новую фичу для сейлзов."),
        "{text}"
    );
    assert!(text.contains("^^^^ замените на «функцию»"), "{text}");
    assert!(text.contains("Найдено 2 замечания"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when NO_COLOR is set: {text}"
    );
}

#[test]
fn clean_files_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("clean.md"), "Наша команда — лидер рынка.\n").unwrap();
    let output = anglint(&["check", "clean.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("Замечаний нет: проверено 1 файл."));
}

#[test]
fn json_has_the_documented_fields_and_exact_spans() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Заголовок\n\nНадо заапрувить роадмап до пятницы 🚀, а ФИЧА ждёт.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let output = anglint(&["check", "--format", "json", "a.txt"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    let document = json(&output);
    assert_eq!(document["version"], 1);
    let diagnostics = document["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 3);
    let fields: Vec<&str> = diagnostics[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "path",
        "code",
        "severity",
        "message",
        "matched",
        "term",
        "origin",
        "category",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "suggestions",
        "fix",
    ];
    expected.sort_unstable();
    let mut fields = fields;
    fields.sort_unstable();
    assert_eq!(fields, expected);
    for diagnostic in diagnostics {
        let start = diagnostic["byte_start"].as_u64().unwrap() as usize;
        let end = diagnostic["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..end], diagnostic["matched"].as_str().unwrap());
    }
    let first = &diagnostics[0];
    assert_eq!(first["path"], "a.txt");
    assert_eq!(first["matched"], "заапрувить");
    assert_eq!(first["term"], "заапрувить");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(3), Some(6))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(3), Some(16))
    );
    assert!(first["suggestions"][0]["text"].is_string());
    // Columns are characters: the emoji before «ФИЧА» counts as one.
    let upper = &diagnostics[2];
    assert_eq!(upper["matched"], "ФИЧА");
    assert_eq!(
        upper["column"].as_u64(),
        Some(
            text.lines()
                .nth(2)
                .unwrap()
                .chars()
                .take_while(|&c| c != 'Ф')
                .count() as u64
                + 1
        )
    );
    assert_eq!(document["summary"]["diagnostics"], 3);
    assert_eq!(document["errors"].as_array().unwrap().len(), 0);
}

#[test]
fn directories_are_walked_for_markdown_and_text_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("docs/nested")).unwrap();
    fs::create_dir_all(root.join("build")).unwrap();
    fs::write(root.join(".gitignore"), "build/\n").unwrap();
    fs::write(root.join("docs/a.md"), "Фича.\n").unwrap();
    fs::write(root.join("docs/nested/b.markdown"), "Фича.\n").unwrap();
    fs::write(root.join("docs/nested/c.txt"), "Фича.\n").unwrap();
    fs::write(root.join("docs/code.rs"), "// фича\n").unwrap();
    fs::write(root.join("build/ignored.md"), "Фича.\n").unwrap();
    let output = anglint(&["check", "--format", "json", "."], root, None);
    let document = json(&output);
    let mut paths: Vec<String> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "./docs/a.md",
            "./docs/nested/b.markdown",
            "./docs/nested/c.txt"
        ]
    );
    // A file named explicitly is linted whatever its extension.
    let output = anglint(&["check", "docs/code.rs"], root, None);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn stdin_with_a_name_and_a_kind() {
    let dir = tempfile::tempdir().unwrap();
    let input = "Текст `фича` и фича.\n";
    let output = anglint(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "notes.md",
            "-",
        ],
        dir.path(),
        Some(input),
    );
    let document = json(&output);
    let diagnostics = document["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "inline code is not prose in markdown");
    assert_eq!(diagnostics[0]["path"], "notes.md");
    let output = anglint(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "notes.txt",
            "-",
        ],
        dir.path(),
        Some(input),
    );
    assert_eq!(
        json(&output)["diagnostics"].as_array().unwrap().len(),
        2,
        "plain text has no code"
    );
}

#[test]
fn unreadable_files_are_reported_and_the_rest_linted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.md"), "Фича.\n").unwrap();
    fs::write(dir.path().join("bad.md"), b"\xd0\xb0\xff\xfe").unwrap();
    let output = anglint(
        &[
            "check",
            "--format",
            "json",
            "bad.md",
            "missing.md",
            "good.md",
        ],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    let document = json(&output);
    assert_eq!(document["diagnostics"].as_array().unwrap().len(), 1);
    let errors = document["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    let messages: String = errors
        .iter()
        .map(|e| format!("{}: {}\n", e["path"], e["message"]))
        .collect();
    assert!(
        messages.contains("bad.md") && messages.contains("смещении 2"),
        "{messages}"
    );
    assert!(messages.contains("missing.md"), "{messages}");
    let output = anglint(&["check", "bad.md", "good.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("не удалось проверить 1 файл"));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("ошибка: bad.md: файл не в кодировке UTF-8"),
        "{stderr}"
    );
}

#[test]
fn binary_files_are_skipped_when_walking_and_reported_when_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.md"), "Фича.\n").unwrap();
    fs::write(dir.path().join("blob.md"), "\u{0}\u{1}фича").unwrap();
    let output = anglint(&["check", "--format", "json", "."], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["summary"]["files_checked"], 1);
    let output = anglint(&["check", "blob.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("двоичный файл"), "{stderr}");
}

#[test]
fn usage_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = anglint(&["check", "--format", "xml"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    let output = anglint(&["frobnicate"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn explain_any_form_of_a_term_and_allowed_words() {
    let dir = tempfile::tempdir().unwrap();
    let output = anglint(&["explain", "фичами"], dir.path(), None);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with("фича — жаргонизм (AL001, предупреждение)"),
        "{text}"
    );
    assert!(text.contains("Происхождение: англ. feature"), "{text}");
    assert!(text.contains("Замены: функция"), "{text}");
    assert!(text.contains("фичами"), "{text}");
    let output = anglint(&["explain", "маркетинга"], dir.path(), None);
    assert!(
        stdout(&output).contains("устоявшееся заимствование"),
        "{}",
        stdout(&output)
    );
    let output = anglint(&["explain", "OKR-ами"], dir.path(), None);
    assert!(
        stdout(&output).starts_with("OKR — аббревиатура"),
        "{}",
        stdout(&output)
    );
    let output = anglint(&["explain", "AL003"], dir.path(), None);
    assert!(stdout(&output).contains("аббревиатура"));
    let output = anglint(&["explain", "стол"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn dict_list_and_forms() {
    let dir = tempfile::tempdir().unwrap();
    let output = anglint(&["dict", "list", "--format", "json"], dir.path(), None);
    let entries = json(&output);
    let entries = entries.as_array().unwrap();
    assert!(entries.len() >= 200, "{}", entries.len());
    let fича = entries
        .iter()
        .find(|entry| entry["lemma"] == "фича")
        .unwrap();
    assert_eq!(fича["category"], "jargon");
    assert_eq!(fича["domain"], "product");
    assert_eq!(fича["origin"], "feature");
    let output = anglint(&["dict", "forms", "фичу"], dir.path(), None);
    let forms = stdout(&output);
    for form in ["фича", "фичи", "фичу", "фичей", "фичами", "фичах"] {
        assert!(forms.lines().any(|line| line == form), "{form}: {forms}");
    }
    let output = anglint(&["dict", "forms"], dir.path(), None);
    let all = stdout(&output);
    assert!(all.lines().count() > 2000, "{}", all.lines().count());
    assert!(all.lines().any(|line| line == "заапрувленный"));
    assert!(
        !all.lines().any(|line| line == "маркетинг"),
        "allowed words are not searched"
    );
}

#[test]
fn dict_check_validates_a_team_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"
[[term]]
lemma = "вайбкодинг"
pos = "noun"
origin = "vibe coding"
category = "jargon"
replacements = [{ text = "программирование с нейросетью", head = "программирование" }]
note = "Программирование с помощью нейросети."
like = "маркетинг"
examples = ["Весь прототип сделали вайбкодингом."]
"#;
    fs::write(dir.path().join("team.toml"), good).unwrap();
    let output = anglint(&["dict", "check", "team.toml"], dir.path(), None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "team.toml: 1 статья, 10 форм; ошибок нет\n"
    );

    let bad = good
        .replace("like = \"маркетинг\"\n", "")
        .replace("вайбкодингом", "кодом");
    fs::write(dir.path().join("bad.toml"), bad).unwrap();
    let output = anglint(&["dict", "check", "bad.toml"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).starts_with("bad.toml:2:1: морфологический словарь не знает «вайбкодинг»"),
        "{}",
        stdout(&output)
    );

    let collision = good
        .replace("вайбкодинг", "чек")
        .replace("like = \"маркетинг\"\n", "")
        .replace("Весь прототип сделали чекм.", "Сделай чек.");
    fs::write(dir.path().join("collision.toml"), collision).unwrap();
    let output = anglint(&["dict", "check", "collision.toml"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output)
            .contains("collision.toml:2:1: форма «чека» термина «чек» — это и чека (NOUN)"),
        "{}",
        stdout(&output)
    );

    fs::write(
        dir.path().join("broken.toml"),
        "[[term]]\nlemma = \"x\"\npos = \"nou\"\n",
    )
    .unwrap();
    let output = anglint(&["dict", "check", "broken.toml"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).starts_with("broken.toml:3:7: ошибка TOML: unknown variant `nou`"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn fix_rewrites_files_keeping_bom_crlf_permissions_and_code() {
    let dir = tempfile::tempdir().unwrap();
    let original = "\u{feff}# Итоги\r\n\r\nВажный митинг прошёл, фичу заапрувили.\r\n\r\n```\nфича в коде\n```\r\n\r\nСогласуем roadmap.\r\n";
    let path = dir.path().join("notes.md");
    fs::write(&path, original).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let output = anglint(&["check", "--fix", "notes.md"], dir.path(), None);
    // The Latin word has a display-only fix and remains.
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("Исправлено 3 замечания."),
        "{}",
        stdout(&output)
    );
    let fixed = fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "\u{feff}# Итоги\r\n\r\nВажная встреча прошла, функцию одобрили.\r\n\r\n```\nфича в коде\n```\r\n\r\nСогласуем roadmap.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    // A second run changes nothing.
    let output = anglint(&["check", "--fix", "notes.md"], dir.path(), None);
    assert!(
        !stdout(&output).contains("Исправлено"),
        "{}",
        stdout(&output)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["notes.md"]);
}

#[test]
fn diff_writes_nothing_and_applies_like_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# План\n\nМы зарелизили три фичи.\nЕщё строка.\n\nОбсудим на митинге фидбэк.\n";
    fs::write(dir.path().join("a.md"), text).unwrap();
    fs::write(dir.path().join("b.md"), text).unwrap();
    let output = anglint(&["check", "--diff", "a.md"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
    let diff = stdout(&output);
    assert!(diff.starts_with("--- a.md\n+++ a.md\n@@"), "{diff}");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        text,
        "--diff writes nothing"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("Можно исправить 4 замечания в 1 файле"),
        "{stderr}"
    );
    fs::write(dir.path().join("a.diff"), &diff).unwrap();
    let applied = Command::new("git")
        .args(["apply", "-p0", "a.diff"])
        .current_dir(dir.path())
        .output()
        .expect("git runs");
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    anglint(&["check", "--fix", "b.md"], dir.path(), None);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        fs::read_to_string(dir.path().join("b.md")).unwrap()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.md")).unwrap(),
        "# План\n\nМы выпустили три функции.\nЕщё строка.\n\nОбсудим на встрече обратную связь.\n"
    );
}

/// Every way of naming a file gives a diff that `git apply -p0` and `patch -p0` take: `./` steps,
/// nested folders, a name with a space, a file without a final newline; `--fix --diff` is `--diff`.
#[test]
#[allow(clippy::print_stderr)] // a skipped tool is said, not silent
fn diffs_apply_with_git_and_patch_in_every_case() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.md", "Мы обсудили дедлайн.\n"),
        ("sub/b.md", "Дедлайн завтра.\n"),
        ("c d.md", "Дедлайн завтра."),
    ];
    fs::create_dir(dir.path().join("sub")).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let expected = ["Мы обсудили срок.\n", "Срок завтра.\n", "Срок завтра."];
    for (tool, args) in [
        ("git", &["apply", "-p0", "x.diff"][..]),
        ("patch", &["-p0", "-i", "x.diff"][..]),
    ] {
        for (index, name) in ["./a.md", "././sub/b.md", "./c d.md"].iter().enumerate() {
            let output = anglint(&["check", "--fix", "--diff", name], dir.path(), None);
            assert_eq!(output.status.code(), Some(1), "{name}");
            let diff = stdout(&output);
            let file = name.trim_start_matches("./").trim_start_matches("./");
            assert_eq!(
                fs::read_to_string(dir.path().join(file)).unwrap(),
                files[index].1,
                "--fix --diff writes nothing"
            );
            fs::write(dir.path().join("x.diff"), &diff).unwrap();
            let Ok(applied) = Command::new(tool)
                .args(args)
                .current_dir(dir.path())
                .output()
            else {
                eprintln!("{tool} is not installed: skipped");
                continue;
            };
            assert!(
                applied.status.success(),
                "{tool} {name}\n{diff}\n{}{}",
                String::from_utf8_lossy(&applied.stdout),
                String::from_utf8_lossy(&applied.stderr)
            );
            assert_eq!(
                fs::read_to_string(dir.path().join(file)).unwrap(),
                expected[index]
            );
            fs::write(dir.path().join(file), files[index].1).unwrap();
        }
    }
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let output = anglint(
        &["check", "--fix", "-"],
        dir.path(),
        Some("Фичу пофиксили, а митинг, который прошёл, был долгим.\n"),
    );
    assert_eq!(
        stdout(&output),
        "Функцию исправили, а встреча, которая прошла, была долгой.\n"
    );
    assert_eq!(output.status.code(), Some(0));
    let output = anglint(
        &["check", "--fix", "--unsafe-fixes", "-"],
        dir.path(),
        Some("Митинг, который прошёл, был долгим.\n"),
    );
    assert_eq!(stdout(&output), "Встреча, которая прошла, была долгой.\n");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn json_fix_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Выпустили апдейт приложения. Согласуем roadmap.";
    let output = anglint(&["check", "--format", "json", "-"], dir.path(), Some(text));
    let document = json(&output);
    let first = &document["diagnostics"][0];
    assert_eq!(first["fix"]["applicability"], "safe");
    let edits = first["fix"]["edits"].as_array().unwrap();
    let applied: Vec<(String, String)> = edits
        .iter()
        .map(|edit| {
            let (start, end) = (
                edit["byte_start"].as_u64().unwrap() as usize,
                edit["byte_end"].as_u64().unwrap() as usize,
            );
            (
                text[start..end].to_string(),
                edit["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(applied, [("апдейт".to_string(), "обновление".to_string())]);
    assert_eq!(
        document["diagnostics"][1]["fix"]["applicability"],
        "display-only"
    );
    assert_eq!(document["summary"]["fixed"], 0);
}

/// `anglint check big.md | head -2`: the reader goes away after a few bytes; every format ends
/// quietly, without an error message and without the exit code of an error.
#[test]
fn a_closed_pipe_ends_quietly_in_every_format() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let text = "Мы выкатили новую фичу для сейлзов, а дедлайн по релизу сдвинули.\n".repeat(1000);
    fs::write(dir.path().join("big.md"), text).unwrap();
    for format in [
        "human", "json", "concise", "github", "sarif", "rdjson", "rdjsonl", "gitlab",
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_anglint"))
            .args(["check", "--format", format, "big.md"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut head = [0u8; 100];
        stdout.read_exact(&mut head).unwrap();
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "",
            "{format}: nothing on standard error"
        );
    }
}
