//! Hostile input against the real binary: encodings, line endings, odd files, huge files, closed
//! pipes, Ctrl-C during `--fix`, broken configurations and dictionaries. Every case checks the
//! message, the exit code, and that the other files of the run were still linted.

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{anglint, json, stderr, stdout};

/// A file with one finding, linted beside every hostile one: the run must go on.
const GOOD: &str = "Мы выкатили новую фичу.\n";

fn good(dir: &Path) {
    fs::write(dir.join("good.md"), GOOD).unwrap();
}

/// The JSON document of `check --format json` with `args`, and the exit code.
fn check_json(dir: &Path, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = anglint(&all, dir, None);
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    (json(&output), output.status.code())
}

/// (path, matched, line, column) of every diagnostic.
fn found(document: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["matched"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The message of the error about `path`.
fn error_about(document: &serde_json::Value, path: &str) -> String {
    document["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|error| error["path"] == path)
        .unwrap_or_else(|| panic!("no error about {path}: {document}"))["message"]
        .as_str()
        .unwrap()
        .to_string()
}

fn good_was_linted(document: &serde_json::Value) -> bool {
    found(document)
        .iter()
        .any(|(path, matched, ..)| path == "good.md" && matched == "фичу")
}

/// Windows-1251 and KOI8-R bytes of a text, by hand: Cyrillic letters only.
fn single_byte(text: &str, koi8: bool) -> Vec<u8> {
    // KOI8-R orders the alphabet by the Latin transcription.
    const KOI8_LOWER: &str = "юабцдефгхийклмнопярстужвьызшэщчъ";
    text.chars()
        .map(|c| match c {
            'а'..='я' if koi8 => 0xC0 + KOI8_LOWER.chars().position(|k| k == c).unwrap() as u8,
            'А'..='Я' if koi8 => {
                let lower = c.to_lowercase().next().unwrap();
                0xE0 + KOI8_LOWER.chars().position(|k| k == lower).unwrap() as u8
            }
            'а'..='я' => 0xE0 + (c as u32 - 'а' as u32) as u8,
            'А'..='Я' => 0xC0 + (c as u32 - 'А' as u32) as u8,
            c if c.is_ascii() => c as u8,
            other => panic!("no single byte for {other}"),
        })
        .collect()
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    fs::write(
        dir.path().join("bad.md"),
        b"# \xd0\x9e\n\nok \xc3\x28 tail\n",
    )
    .unwrap();
    let (document, code) = check_json(dir.path(), &["bad.md", "good.md"]);
    assert_eq!(code, Some(2));
    let message = error_about(&document, "bad.md");
    assert!(
        message.contains("смещении 9") && message.contains("строка 3, столбец 4"),
        "{message}"
    );
    assert!(good_was_linted(&document));
}

#[test]
fn windows_1251_is_recognised_decoded_on_request_and_fixed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    let old = "Итоги\nМы зарелизили фичу.\n";
    fs::write(dir.path().join("old.md"), single_byte(old, false)).unwrap();
    // Without --encoding: a clear error with the iconv command, exit 2, the rest linted.
    let (document, code) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    let message = error_about(&document, "./old.md");
    assert!(
        message.contains("похоже на Windows-1251")
            && message.contains("iconv -f cp1251 -t utf-8")
            && message.contains("--encoding cp1251"),
        "{message}"
    );
    assert!(
        found(&document)
            .iter()
            .any(|(path, ..)| path == "./good.md")
    );
    // With --encoding cp1251: linted, with lines and columns in characters; UTF-8 files of
    // the same tree are still read as UTF-8.
    let (document, code) = check_json(dir.path(), &["--encoding", "cp1251", "old.md", "good.md"]);
    assert_eq!(code, Some(1));
    let found = found(&document);
    assert!(
        found.contains(&("old.md".into(), "зарелизили".into(), 2, 4)),
        "{found:?}"
    );
    assert!(
        found.contains(&("old.md".into(), "фичу".into(), 2, 15)),
        "{found:?}"
    );
    assert!(
        found.contains(&("good.md".into(), "фичу".into(), 1, 19)),
        "{found:?}"
    );
    // --fix writes the file back in Windows-1251.
    let output = anglint(
        &["check", "--fix", "--encoding", "cp1251", "old.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        fs::read(dir.path().join("old.md")).unwrap(),
        single_byte("Итоги\nМы выпустили функцию.\n", false)
    );
}

#[test]
fn koi8_r_is_told_apart_from_windows_1251() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("koi.txt"),
        single_byte("Сейлзы говорят, что лиды холодные.\n", true),
    )
    .unwrap();
    let (document, code) = check_json(dir.path(), &["koi.txt"]);
    assert_eq!(code, Some(2));
    assert!(error_about(&document, "koi.txt").contains("iconv -f koi8-r -t utf-8"));
    let (document, _) = check_json(dir.path(), &["--encoding", "koi8-r", "koi.txt"]);
    let words: Vec<String> = found(&document).into_iter().map(|f| f.1).collect();
    assert_eq!(words, ["Сейлзы", "лиды"]);
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded_and_fixed_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let encode = |text: &str, big: bool| -> Vec<u8> {
        let mut bytes = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let text = "Первая строка 🚀\r\nВажный митинг прошёл.\r\n";
    for (name, big) in [("le.md", false), ("be.md", true)] {
        fs::write(dir.path().join(name), encode(text, big)).unwrap();
        let (document, code) = check_json(dir.path(), &[name]);
        assert_eq!(code, Some(1), "{document}");
        assert_eq!(found(&document), [(name.into(), "митинг".into(), 2, 8)]);
        let output = anglint(&["check", "--fix", name], dir.path(), None);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        assert_eq!(
            fs::read(dir.path().join(name)).unwrap(),
            encode("Первая строка 🚀\r\nВажная встреча прошла.\r\n", big)
        );
    }
    // Broken UTF-16: a clear error.
    fs::write(dir.path().join("broken.md"), [0xFF, 0xFE, 0x00, 0xD8]).unwrap();
    let (document, code) = check_json(dir.path(), &["broken.md"]);
    assert_eq!(code, Some(2));
    assert!(error_about(&document, "broken.md").contains("UTF-16"));
}

#[test]
fn a_utf8_bom_is_not_a_column_and_is_kept_by_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bom.md"), "\u{feff}Фича готова.\n").unwrap();
    let (document, _) = check_json(dir.path(), &["bom.md"]);
    assert_eq!(found(&document), [("bom.md".into(), "Фича".into(), 1, 1)]);
    // Byte offsets are offsets into the file, BOM included.
    assert_eq!(document["diagnostics"][0]["byte_start"], 3);
    anglint(&["check", "--fix", "bom.md"], dir.path(), None);
    assert_eq!(
        fs::read_to_string(dir.path().join("bom.md")).unwrap(),
        "\u{feff}Функция готова.\n"
    );
}

#[test]
fn lf_crlf_and_lone_cr_give_the_same_lines_and_columns_and_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ending) in [("lf.txt", "\n"), ("crlf.txt", "\r\n"), ("cr.txt", "\r")] {
        let text = [
            "Первая строка.",
            "Вторая фича.",
            "",
            "Третья: фидбэк клиентов.",
        ]
        .join(ending);
        fs::write(dir.path().join(name), &text).unwrap();
        let (document, _) = check_json(dir.path(), &[name]);
        assert_eq!(
            found(&document),
            [
                (name.into(), "фича".into(), 2, 8),
                (name.into(), "фидбэк".into(), 4, 9)
            ],
            "{name}"
        );
        anglint(&["check", "--fix", name], dir.path(), None);
        let expected = [
            "Первая строка.",
            "Вторая функция.",
            "",
            "Третья: обратная связь клиентов.",
        ]
        .join(ending);
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).unwrap(),
            expected,
            "{name}"
        );
    }
}

#[test]
fn binary_empty_missing_and_misnamed_files() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    fs::write(dir.path().join("blob.md"), "PK\u{3}\u{4}\u{0}\u{0}фича").unwrap();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    fs::create_dir(dir.path().join("folder.md")).unwrap();
    fs::write(dir.path().join("folder.md/inside.md"), GOOD).unwrap();
    // Walking: the binary file is skipped quietly, the empty one is fine, a directory named
    // like a file is walked.
    let (document, code) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{document}");
    assert_eq!(
        document["errors"].as_array().unwrap().len(),
        0,
        "{document}"
    );
    assert_eq!(document["summary"]["files_checked"], 3);
    // Named: each problem is reported, the rest linted, exit 2.
    let (document, code) = check_json(
        dir.path(),
        &["blob.md", "empty.md", "missing.md", "good.md/", "good.md"],
    );
    assert_eq!(code, Some(2));
    assert!(
        error_about(&document, "blob.md").contains("двоичный файл (нулевой байт на смещении 4)")
    );
    assert!(error_about(&document, "missing.md").contains("нет такого файла или каталога"));
    assert!(error_about(&document, "good.md/").contains("файл, а не каталог"));
    assert!(good_was_linted(&document));
    assert_eq!(
        document["summary"]["files_checked"], 2,
        "empty.md and good.md"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_with_a_message_not_a_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    symlink("two.md", dir.path().join("one.md")).unwrap();
    symlink("one.md", dir.path().join("two.md")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    // Named explicitly.
    let (document, code) = check_json(dir.path(), &["one.md", "good.md"]);
    assert_eq!(code, Some(2));
    assert!(error_about(&document, "one.md").contains("петля символических ссылок"));
    assert!(good_was_linted(&document));
    // Walking without -L does not follow links at all.
    let (document, code) = check_json(dir.path(), &["."]);
    assert_eq!(
        (code, document["summary"]["files_checked"].as_u64()),
        (Some(1), Some(1))
    );
    // Walking with -L follows links and reports each loop.
    let (document, code) = check_json(dir.path(), &["-L", "."]);
    assert_eq!(code, Some(2));
    assert!(error_about(&document, "./sub/up").contains("петля символических ссылок"));
    assert!(error_about(&document, "./one.md").contains("петля символических ссылок"));
    assert!(
        found(&document)
            .iter()
            .any(|(path, ..)| path == "./good.md")
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported_and_the_rest_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    good(dir.path());
    let secret = dir.path().join("secret.md");
    fs::write(&secret, GOOD).unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file: run the binary as nobody then.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.starts_with(b"0\n"));
    let mut command = if root {
        // A copy of the binary in the temporary directory: the checkout may be somewhere nobody
        // cannot enter (/root).
        let binary = dir.path().join("anglint");
        fs::copy(env!("CARGO_BIN_EXE_anglint"), &binary).unwrap();
        fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).unwrap();
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(&binary);
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_anglint"))
    };
    let output = command
        .args(["check", "--format", "json", "secret.md", "good.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let document = json(&output);
    assert!(error_about(&document, "secret.md").contains("нет прав на чтение"));
    assert!(good_was_linted(&document));
}

/// A 20 MB line and a 100 MB markdown file: linted completely, with exact positions.
#[test]
fn huge_files_are_linted_whole() {
    let dir = tempfile::tempdir().unwrap();
    // One line of 20 MB: a finding every ~150 bytes.
    let sentence = "Это обычный текст о работе команды и планах, без лишних слов; обсудим фичу. ";
    let repeats = 20_000_000 / sentence.len();
    fs::write(dir.path().join("line.txt"), sentence.repeat(repeats)).unwrap();
    let output = anglint(
        &["check", "--format", "concise", "line.txt"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<String> = BufReader::new(&output.stdout[..])
        .lines()
        .map(Result::unwrap)
        .collect();
    assert_eq!(lines.len(), repeats);
    let per_sentence = sentence.chars().count();
    let last_column = (repeats - 1) * per_sentence
        + sentence
            .find("фичу")
            .map_or(0, |at| sentence[..at].chars().count())
        + 1;
    assert!(
        lines[repeats - 1].starts_with(&format!("line.txt:1:{last_column}: AL001")),
        "{}",
        lines[repeats - 1]
    );
    // A 100 MB markdown document: headings, lists, code, tables and paragraphs.
    let section = "## Раздел\n\nКоманда подготовила релиз и проверила его на стенде. Все задачи \
        закрыты, документация обновлена.\n\n- пункт списка\n- ещё один пункт\n\n```\nlet feature = \
        true;\n```\n\n| Колонка | Значение |\n|---|---|\n| срок | пятница |\n\n";
    let sections = 100_000_000 / section.len();
    fs::write(dir.path().join("big.md"), section.repeat(sections)).unwrap();
    let output = anglint(
        &["check", "--format", "concise", "big.md"],
        dir.path(),
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let count = output.stdout.iter().filter(|&&byte| byte == b'\n').count();
    assert_eq!(count, sections, "one «релиз» per section");
    let last = stdout(&output).lines().last().unwrap().to_string();
    let line = (sections - 1) * section.matches('\n').count() + 3;
    assert!(
        last.starts_with(&format!("big.md:{line}:21: AL00")),
        "{last}"
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        fs::write(dir.path().join(format!("f{i:03}.md")), GOOD.repeat(50)).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_anglint"))
        .args(["check", "--format", "concise", "."])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("AL001"), "{first}");
    // `| head -1`: the reader is gone.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}",
        output.status
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_fix_leaves_each_file_untouched_or_completely_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let original =
        "Мы зарелизили новую фичу, а дедлайн сдвинули. Обсудим на митинге фидбэк.\n".repeat(300);
    let fixed = "Мы выпустили новую функцию, а срок сдвинули. Обсудим на встрече обратную связь.\n"
        .repeat(300);
    for i in 0..300 {
        fs::write(dir.path().join(format!("f{i:03}.md")), &original).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_anglint"))
        .args(["check", "--fix", "."])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first files are written.
    let first = dir.path().join("f000.md");
    let start = std::time::Instant::now();
    while fs::read_to_string(&first).is_ok_and(|text| text == original)
        && start.elapsed() < std::time::Duration::from_secs(120)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let (mut untouched, mut complete) = (0, 0);
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        if text == original {
            untouched += 1;
        } else {
            assert_eq!(text, fixed, "{} is half-fixed", path.display());
            complete += 1;
        }
    }
    assert_eq!(untouched + complete, 300, "no temporary file is left");
    assert!(complete >= 1);
    if untouched > 0 {
        assert_eq!(output.status.code(), Some(130));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("исправления записаны в {complete} "))
                && stderr.contains("остальные файлы не изменены"),
            "{stderr}"
        );
    }
}

#[test]
fn broken_configurations_are_reported_with_their_place_and_a_hint() {
    let cases = [
        ("allow = [\"лид\"\n", "anglint.toml:1:", "unclosed array"),
        ("allow = \"лид\"\n", "anglint.toml:1:9", "нужен список"),
        (
            "alow = [\"лид\"]\n",
            "anglint.toml:1:1",
            "может быть, «allow»?",
        ),
        ("min-severity = \"fatal\"\n", "anglint.toml:1:16", "уровни"),
        (
            "[severity]\nфича = \"error\"\n",
            "anglint.toml:2:1",
            "в кавычках",
        ),
        (
            "extend-dictionaries = [\"team/jargon.toml\"]\n",
            "anglint.toml:1:24",
            "нет файла словаря",
        ),
        (
            "allow = [\"несуществующееслово\"]\n",
            "anglint.toml:1:11",
            "несуществующееслово",
        ),
    ];
    for (config, place, hint) in cases {
        let dir = tempfile::tempdir().unwrap();
        good(dir.path());
        fs::write(dir.path().join("anglint.toml"), config).unwrap();
        let output = anglint(&["check", "good.md"], dir.path(), None);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{config}: {message}");
        assert!(
            message.contains(place) && message.contains(hint) && !message.contains("panicked"),
            "{config}: {message}"
        );
    }
}

#[test]
fn broken_dictionaries_are_reported_with_their_place() {
    let entry = |like: &str| {
        format!(
            "[[term]]\nlemma = \"фрумкать\"\npos = \"verb\"\nlike = \"{like}\"\norigin = \"frum\"\n\
             category = \"jargon\"\nreplacements = [\"делать\"]\nnote = \"Делать.\"\n\
             examples = [\"Мы фрумкаем.\"]\n"
        )
    };
    let cases = [
        (
            entry("фрымкать"),
            "team.toml:4:8",
            "Образца «фрымкать» нет в словаре",
        ),
        ("[[term]\n".to_string(), "team.toml:1:", "ошибка TOML"),
        (
            "[[term]]\nlemma = 5\n".to_string(),
            "team.toml:2:9",
            "expected a string",
        ),
        (
            entry("делать").replace("origin", "orign"),
            "team.toml:5:1",
            "orign",
        ),
        (
            entry("делать").replace("\"jargon\"", "\"slang\""),
            "team.toml:6:12",
            "slang",
        ),
    ];
    for (dictionary, place, hint) in cases {
        let dir = tempfile::tempdir().unwrap();
        good(dir.path());
        fs::write(dir.path().join("team.toml"), &dictionary).unwrap();
        let output = anglint(
            &["check", "--dictionary", "team.toml", "good.md"],
            dir.path(),
            None,
        );
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{dictionary}: {message}");
        assert!(
            message.contains(place) && message.contains(hint) && !message.contains("panicked"),
            "{dictionary}: {message}"
        );
        // `dict check` says the same on standard output.
        let output = anglint(&["dict", "check", "team.toml"], dir.path(), None);
        assert_eq!(output.status.code(), Some(2));
        assert!(stdout(&output).contains(place), "{}", stdout(&output));
    }
}

#[test]
fn a_directory_given_as_a_configuration_or_dictionary_file() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    fs::create_dir(dir.path().join("conf")).unwrap();
    for args in [
        ["check", "--config", "conf", "good.md"],
        ["check", "--dictionary", "conf", "good.md"],
    ] {
        let output = anglint(&args, dir.path(), None);
        assert_eq!(output.status.code(), Some(2));
        let message = stderr(&output);
        assert!(
            message.contains("conf") && message.contains("это каталог, а не файл"),
            "{message}"
        );
    }
}
