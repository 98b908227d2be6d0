//! `anglint lsp`, the real binary driven over stdio with Content-Length framing, as an editor
//! does: initialize in both position encodings, open, change, close, diagnostics and their
//! ranges, code actions whose edits give the expected text, hover, configuration reload. Every
//! wait has a timeout, so a broken server fails the test instead of hanging it.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any answer may take (a debug build, a busy machine).
const TIMEOUT: Duration = Duration::from_secs(30);

/// A minimal LSP client around the real binary.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications and server requests not yet looked at.
    backlog: VecDeque<Value>,
    next_id: i64,
    utf8: bool,
}

impl Client {
    /// Starts the server in `root` and initializes it, offering UTF-8 positions or not.
    fn start(root: &Path, utf8: bool) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_anglint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary runs");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("every message has a Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("messages are JSON");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            backlog: VecDeque::new(),
            next_id: 0,
            utf8,
        };
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let root_uri = uri(root);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{ "uri": root_uri, "name": "root" }],
                "capabilities": {
                    "general": { "positionEncodings": encodings },
                    "workspace": {
                        "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] },
                        "didChangeWatchedFiles": { "dynamicRegistration": true }
                    }
                }
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn write(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message from the server, answering its requests (registrations) on the way.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(message) => {
                if message.get("method").is_some()
                    && let Some(id) = message.get("id")
                {
                    let id = id.clone();
                    self.write(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
                }
                Some(message)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.write(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no answer to {method} in {TIMEOUT:?}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.backlog.push_back(message);
        }
    }

    /// The first notification `method` that `accept` takes, waiting for it.
    fn wait_for(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(position) = self
            .backlog
            .iter()
            .position(|message| message["method"] == method && accept(&message["params"]))
        {
            let message = self.backlog.remove(position).unwrap();
            self.backlog.drain(..position);
            return message["params"].clone();
        }
        self.backlog.clear();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no {method} in {TIMEOUT:?}"));
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |params| {
            params["uri"] == uri && params["version"] == version
        });
        params["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    fn change_all(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
    }

    /// The position of byte `offset` of `text` as this client counts it (its own arithmetic,
    /// independent of the server's).
    fn position(&self, text: &str, offset: usize) -> Value {
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        let column: usize = if self.utf8 {
            offset - line_start
        } else {
            before[line_start..].chars().map(char::len_utf16).sum()
        };
        json!({ "line": line, "character": column })
    }

    fn offset(&self, text: &str, position: &Value) -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + at;
            }
            units += if self.utf8 {
                c.len_utf8()
            } else {
                c.len_utf16()
            };
        }
        text.len()
    }

    fn range(&self, text: &str, start: usize, end: usize) -> Value {
        json!({ "start": self.position(text, start), "end": self.position(text, end) })
    }

    /// `text` with `edits` (LSP text edits of one document) applied.
    fn apply(&self, text: &str, edits: &[Value]) -> String {
        let mut spans: Vec<(usize, usize, String)> = edits
            .iter()
            .map(|edit| {
                (
                    self.offset(text, &edit["range"]["start"]),
                    self.offset(text, &edit["range"]["end"]),
                    edit["newText"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        spans.sort_by_key(|span| std::cmp::Reverse(span.0));
        let mut out = text.to_string();
        for (start, end, replacement) in spans {
            out.replace_range(start..end, &replacement);
        }
        out
    }

    fn code_actions(&mut self, uri: &str, range: Value, only: Option<&str>) -> Vec<Value> {
        let mut context = json!({ "diagnostics": [] });
        if let Some(only) = only {
            context["only"] = json!([only]);
        }
        let result = self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": context }),
        );
        result.as_array().cloned().unwrap_or_default()
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "the server exits cleanly: {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not exit after shutdown and exit");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A line with Cyrillic, an emoji and jargon: «фичу» is after a character of two UTF-16 units
/// and four bytes.
const EMOJI_LINE: &str = "# План\n\n🚀 Мы выкатили новую фичу для сейлзов.\n";

fn word_range(client: &Client, text: &str, word: &str) -> Value {
    let start = text.find(word).unwrap();
    client.range(text, start, start + word.len())
}

fn codes_and_ranges(diagnostics: &[Value]) -> Vec<(String, Value)> {
    diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect()
}

#[test]
fn utf16_ranges_on_a_line_with_cyrillic_and_an_emoji() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, result) = Client::start(dir.path(), false);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let file = uri(dir.path()).to_string() + "/plan.md";
    client.open(&file, "markdown", EMOJI_LINE);
    let diagnostics = client.diagnostics(&file, 1);
    // «🚀 Мы выкатили новую » is 20 characters, 21 UTF-16 units.
    assert_eq!(
        diagnostics[0]["range"],
        json!({ "start": { "line": 2, "character": 21 }, "end": { "line": 2, "character": 25 } })
    );
    assert_eq!(
        codes_and_ranges(&diagnostics),
        vec![
            ("AL001".to_string(), word_range(&client, EMOJI_LINE, "фичу")),
            (
                "AL001".to_string(),
                word_range(&client, EMOJI_LINE, "сейлзов")
            ),
        ]
    );
    let first = &diagnostics[0];
    assert_eq!(first["source"], "anglint");
    assert_eq!(first["severity"], 2);
    assert!(
        first["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#al001"),
        "{first}"
    );
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("«фичу» — жаргонизм"),
        "{first}"
    );
    client.shutdown();
}

#[test]
fn utf8_ranges_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, result) = Client::start(dir.path(), true);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let file = uri(dir.path()) + "/plan.md";
    client.open(&file, "markdown", EMOJI_LINE);
    let diagnostics = client.diagnostics(&file, 1);
    // In bytes: the emoji is 4, each Cyrillic letter 2.
    assert_eq!(
        diagnostics[0]["range"],
        json!({ "start": { "line": 2, "character": 38 }, "end": { "line": 2, "character": 46 } })
    );
    assert_eq!(
        codes_and_ranges(&diagnostics)[1].1,
        word_range(&client, EMOJI_LINE, "сейлзов")
    );
    client.shutdown();
}

#[test]
fn changes_are_linted_and_close_clears() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    let file = uri(dir.path()) + "/notes.txt";
    client.open(&file, "plaintext", "Спокойный текст.\n");
    assert!(client.diagnostics(&file, 1).is_empty());
    // An incremental change: a word typed at the end of the line.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": file, "version": 2 },
            "contentChanges": [{
                "range": { "start": { "line": 0, "character": 15 }, "end": { "line": 0, "character": 15 } },
                "text": " Релиз в пятницу"
            }]
        }),
    );
    let text = "Спокойный текст Релиз в пятницу.\n";
    let diagnostics = client.diagnostics(&file, 2);
    assert_eq!(
        codes_and_ranges(&diagnostics),
        vec![("AL002".to_string(), word_range(&client, text, "Релиз"))]
    );
    // Many changes at once: only results for the latest text may be published after it.
    let mut texts = Vec::new();
    for version in 3..=30 {
        let text = format!(
            "{}фича и дедлайн.\n",
            "Абзац без жаргона.\n\n".repeat(version as usize)
        );
        client.change_all(&file, version, &text);
        texts.push(text);
    }
    let last = texts.last().unwrap().clone();
    let diagnostics = client.diagnostics(&file, 30);
    assert_eq!(
        codes_and_ranges(&diagnostics),
        vec![
            ("AL001".to_string(), word_range(&client, &last, "фича")),
            ("AL002".to_string(), word_range(&client, &last, "дедлайн")),
        ]
    );
    // Nothing older arrives afterwards.
    let deadline = Instant::now() + Duration::from_millis(500);
    while let Some(message) = client.next(deadline) {
        if message["method"] == "textDocument/publishDiagnostics" {
            assert_eq!(
                message["params"]["version"], 30,
                "a stale result: {message}"
            );
        }
    }
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": file } }),
    );
    let cleared = client.wait_for("textDocument/publishDiagnostics", |params| {
        params["uri"] == file.as_str()
    });
    assert_eq!(cleared["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn quick_fixes_are_the_fixes_of_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    let file = uri(dir.path()) + "/plan.md";
    let text = "# План\n\n🚀 Мы выкатили новую фичу, лиды довольны.\n\nСпасибо сейлзам за апрув.\n";
    client.open(&file, "markdown", text);
    client.diagnostics(&file, 1);

    let actions = client.code_actions(&file, word_range(&client, text, "фичу"), None);
    let titles: Vec<&str> = actions
        .iter()
        .map(|action| action["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Заменить на «функцию»", "{titles:?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true, "the safe fix is preferred");
    assert!(
        titles.contains(&"Разрешить «фича» в anglint.toml"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Не проверять эту строку"), "{titles:?}");
    // The edit of the safe quick fix is the edit `--fix` makes for this word.
    let edits = actions[0]["edit"]["changes"][&file].as_array().unwrap();
    let fixed = client.apply(text, edits);
    assert_eq!(
        fixed,
        text.replace("новую фичу", "новую функцию"),
        "{edits:?}"
    );

    // Every other suggestion is a quick fix too, not preferred.
    for action in &actions[1..] {
        if action["title"].as_str().unwrap().starts_with("Заменить") {
            assert_eq!(action["isPreferred"], false, "{action}");
        }
    }

    // The source action: the text `anglint check --fix` writes.
    let all = client.code_actions(&file, client.range(text, 0, 0), Some("source.fixAll"));
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.anglint");
    let fixed = client.apply(text, all[0]["edit"]["changes"][&file].as_array().unwrap());
    let cli = common::anglint(
        &["check", "--fix", "--stdin-filename", "plan.md", "-"],
        dir.path(),
        Some(text),
    );
    assert_eq!(fixed, common::stdout(&cli));
    assert_ne!(fixed, text);
    client.shutdown();
}

#[test]
fn ignoring_a_line_inserts_a_directive_that_works() {
    let dir = tempfile::tempdir().unwrap();
    for (name, language, text) in [
        (
            "a.md",
            "markdown",
            "Первая строка.\n\nНовая фича для сейлзов.\n",
        ),
        (
            "a.txt",
            "plaintext",
            "Первая строка.\r\n  Новая фича для сейлзов.\r\nРелиз.\r\n",
        ),
    ] {
        let (mut client, _) = Client::start(dir.path(), false);
        let file = uri(dir.path()) + "/" + name;
        client.open(&file, language, text);
        assert_eq!(
            client.diagnostics(&file, 1).len(),
            if name == "a.md" { 2 } else { 3 }
        );
        let actions = client.code_actions(&file, word_range(&client, text, "фича"), None);
        let ignore = actions
            .iter()
            .find(|action| action["title"] == "Не проверять эту строку")
            .expect("the action is offered");
        let edited = client.apply(text, ignore["edit"]["changes"][&file].as_array().unwrap());
        if name == "a.md" {
            assert_eq!(
                edited,
                "Первая строка.\n\nНовая фича для сейлзов. <!-- anglint-disable-line фича -->\n"
            );
        } else {
            assert_eq!(
                edited,
                "Первая строка.\r\n  anglint-disable-next-line фича\r\n  Новая фича для сейлзов.\r\nРелиз.\r\n"
            );
        }
        client.change_all(&file, 2, &edited);
        let left: Vec<String> = client
            .diagnostics(&file, 2)
            .iter()
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        assert!(
            left.iter().all(|message| !message.contains("«фича»")),
            "{left:?}"
        );
        assert!(
            left.iter().any(|message| message.contains("«сейлзов»")),
            "only the word named is suppressed: {left:?}"
        );
        client.shutdown();
    }
}

#[test]
fn hover_explains_the_word() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    let file = uri(dir.path()) + "/plan.md";
    client.open(&file, "markdown", EMOJI_LINE);
    client.diagnostics(&file, 1);
    let start = EMOJI_LINE.find("фичу").unwrap() + "фи".len();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": file }, "position": client.position(EMOJI_LINE, start) }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**фича** — жаргонизм"), "{value}");
    assert!(value.contains("Происхождение: англ. feature"), "{value}");
    assert!(value.contains("«функцию»"), "{value}");
    assert!(value.contains("Значение:"), "{value}");
    assert_eq!(hover["range"], word_range(&client, EMOJI_LINE, "фичу"));
    // Elsewhere: nothing.
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": file }, "position": { "line": 0, "character": 2 } }),
    );
    assert_eq!(nothing, Value::Null);
    client.shutdown();
}

#[test]
fn allowing_a_word_edits_the_configuration_and_it_is_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("anglint.toml");
    std::fs::write(&config, "# Команда\nallow = [\"релиз\"]\n").unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    let file = uri(dir.path()) + "/docs/plan.md";
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    let text = "Релиз: лиды от сейлзов.\n";
    client.open(&file, "markdown", text);
    let words = |diagnostics: &[Value]| -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| d["message"].as_str().unwrap().split('»').next().unwrap()[2..].to_string())
            .collect()
    };
    assert_eq!(words(&client.diagnostics(&file, 1)), ["лиды", "сейлзов"]);
    let actions = client.code_actions(&file, word_range(&client, text, "лиды"), None);
    let allow = actions
        .iter()
        .find(|action| action["title"] == "Разрешить «лид» в anglint.toml")
        .expect("the action is offered");
    let config_uri = uri(&config);
    let source = std::fs::read_to_string(&config).unwrap();
    let edited = client.apply(
        &source,
        allow["edit"]["changes"][&config_uri].as_array().unwrap(),
    );
    assert_eq!(edited, "# Команда\nallow = [\"релиз\", \"лид\"]\n");
    // The editor writes the file; the watcher tells the server.
    std::fs::write(&config, &edited).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    assert_eq!(words(&client.diagnostics(&file, 1)), ["сейлзов"]);

    // A broken configuration: a message with its place, and the server goes on.
    std::fs::write(&config, "allow = [\"релиз\"]\nalow = []\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let message = client.wait_for("window/showMessage", |_| true);
    let text_shown = message["message"].as_str().unwrap();
    assert!(text_shown.contains("anglint.toml:2:1"), "{text_shown}");
    assert!(text_shown.contains("может быть, «allow»?"), "{text_shown}");
    let on_config = client.wait_for("textDocument/publishDiagnostics", |params| {
        params["uri"] == config_uri.as_str()
    });
    assert_eq!(
        on_config["diagnostics"][0]["range"]["start"],
        json!({ "line": 1, "character": 0 })
    );
    // With the defaults meanwhile: «Релиз» is reported again.
    assert_eq!(
        words(&client.diagnostics(&file, 1)),
        ["Релиз", "лиды", "сейлзов"]
    );
    // Fixed: the configuration's error is cleared.
    std::fs::write(&config, "allow = [\"релиз\", \"сейлз\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let cleared = client.wait_for("textDocument/publishDiagnostics", |params| {
        params["uri"] == config_uri.as_str()
    });
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(words(&client.diagnostics(&file, 1)), ["лиды"]);
    client.shutdown();
}

#[test]
fn allowing_a_word_without_a_configuration_creates_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    let file = uri(dir.path()) + "/plan.md";
    let text = "Все лиды от партнеров обработаны.\n";
    client.open(&file, "markdown", text);
    assert_eq!(client.diagnostics(&file, 1).len(), 1);
    let actions = client.code_actions(&file, word_range(&client, text, "лиды"), None);
    let allow = actions
        .iter()
        .find(|action| action["title"] == "Разрешить «лид» в anglint.toml")
        .unwrap_or_else(|| panic!("the action is offered: {actions:?}"));
    let changes = allow["edit"]["documentChanges"].as_array().unwrap();
    let config_uri = uri(dir.path()) + "/anglint.toml";
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], config_uri.as_str());
    let created = client.apply("", changes[1]["edits"].as_array().unwrap());
    std::fs::write(dir.path().join("anglint.toml"), &created).unwrap();
    // The CLI reads the new configuration: the word is allowed.
    std::fs::write(dir.path().join("plan.md"), text).unwrap();
    let check = common::anglint(&["check", "plan.md"], dir.path(), None);
    assert_eq!(check.status.code(), Some(0), "{created}");
    client.shutdown();
}

#[test]
fn unknown_requests_and_other_languages_do_not_break_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    client.next_id += 1;
    let id = client.next_id;
    client.write(
        &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/rename", "params": {} }),
    );
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let message = client.next(deadline).expect("an answer");
        if message["id"] == id {
            assert_eq!(message["error"]["code"], -32601, "{message}");
            break;
        }
    }
    // A source file is not prose: nothing is published for it.
    client.open(&(uri(dir.path()) + "/main.rs"), "rust", "// фича\n");
    let file = uri(dir.path()) + "/a.md";
    client.open(&file, "markdown", "Фича.\n");
    let params = client.wait_for("textDocument/publishDiagnostics", |_| true);
    assert_eq!(params["uri"], file.as_str());
    client.shutdown();
}

#[test]
fn a_fix_that_changes_agreeing_words_shows_them_and_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    let file = uri(dir.path()) + "/a.md";
    let text = "🚀 Важный митинг прошёл.\n";
    client.open(&file, "markdown", text);
    let diagnostics = client.diagnostics(&file, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let related = &diagnostics[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], file.as_str());
    assert_eq!(
        related["location"]["range"],
        word_range(&client, text, "Важный")
    );
    assert!(
        related["message"]
            .as_str()
            .unwrap()
            .contains("«Важный» → «Важная»"),
        "{related}"
    );
    let actions = client.code_actions(&file, word_range(&client, text, "митинг"), None);
    assert_eq!(actions[0]["title"], "Заменить на «встреча»");
    let fixed = client.apply(
        text,
        actions[0]["edit"]["changes"][&file].as_array().unwrap(),
    );
    let cli = common::anglint(
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--stdin-filename",
            "a.md",
            "-",
        ],
        dir.path(),
        Some(text),
    );
    assert_eq!(fixed, common::stdout(&cli));
    assert_eq!(fixed, "🚀 Важная встреча прошла.\n");
    client.shutdown();
}

#[test]
fn exit_without_shutdown_is_exit_code_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), false);
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = client.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(1));
            break;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
