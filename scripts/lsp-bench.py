#!/usr/bin/env python3
"""Latency of `anglint lsp` on a large document, side by side with the CLI in one run.

    python3 scripts/lsp-bench.py [--source DIR] [--size BYTES] [--rounds N] [--binary PATH]
                                 [--no-build]

Builds one markdown document of about --size bytes (default 1 MB) from the markdown files of
--source (default fixtures/; ../shared/corpus gives a realistic density of findings), writes it
to target/lsp-bench/doc.md, and measures, in one run, with the release binary (built first
unless --no-build):

- the server: `didOpen`, then --rounds `didChange` notifications, each typing one word into a
  different paragraph (incremental sync, as editors send), each timed from the moment the
  change is written to the moment `publishDiagnostics` for that version is read (the debounce
  pause included: what a writer waits for);
- the reference: `anglint check --format json doc.md`, --rounds times (start-up included, as an
  editor integration that runs the CLI per change would pay).

Prints medians, the 90th percentiles and the ratio of the medians as a markdown table.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import queue
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_document(source: Path, size: int) -> str:
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(source.rglob("*.md"))]
    if not parts:
        sys.exit(f"no markdown files in {source}")
    text, i = [], 0
    total = 0
    while total < size:
        part = parts[i % len(parts)].rstrip("\n") + "\n\n"
        # Suppression comments make the server lint a document whole; keep the document plain.
        if "anglint-" not in part:
            text.append(part)
            total += len(part.encode())
        i += 1
        if i > 100 * len(parts) and not text:
            sys.exit("every file has suppression comments")
    return "".join(text)


class Server:
    def __init__(self, binary: str, root: Path):
        self.process = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root
        )
        self.messages: "queue.Queue[tuple[float, dict]]" = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            # The time the whole message arrived, before this client spends time parsing it.
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict):
        body = json.dumps(message, ensure_ascii=False).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            _, message = self.messages.get(timeout=60)
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def notify(self, method: str, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, version: int):
        """The diagnostics published for `version` and when they arrived."""
        while True:
            arrived, message = self.messages.get(timeout=60)
            if message.get("method") == "textDocument/publishDiagnostics":
                if message["params"].get("version") == version:
                    return arrived, message["params"]

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default=str(ROOT / "fixtures"))
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--binary", default=str(ROOT / "target/release/anglint"))
    parser.add_argument("--no-build", action="store_true", help="do not run cargo build --release")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)

    work = ROOT / "target/lsp-bench"
    work.mkdir(parents=True, exist_ok=True)
    text = build_document(Path(args.source), args.size)
    path = work / "doc.md"
    path.write_text(text, encoding="utf-8")
    uri = path.resolve().as_uri()
    lines = text.split("\n")
    # Lines where a word is typed: the starts of paragraphs spread over the document.
    targets = [
        n for n, line in enumerate(lines) if line[:1].isalpha() and n > 0 and lines[n - 1] == ""
    ]
    step = max(1, len(targets) // args.rounds)
    targets = targets[::step][: args.rounds]

    server = Server(args.binary, work)
    server.request(
        "initialize",
        {"processId": None, "rootUri": work.resolve().as_uri(), "capabilities": {}},
    )
    server.notify("initialized", {})
    started = time.perf_counter()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    arrived, opened = server.wait_diagnostics(1)
    open_ms = (arrived - started) * 1000
    findings = len(opened["diagnostics"])

    change_ms = []
    reported = 0
    version = 1
    for line in targets:
        version += 1
        # «фича » typed at the start of a paragraph (UTF-16 positions, the default).
        started = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": line, "character": 0},
                            "end": {"line": line, "character": 0},
                        },
                        "text": "Фича ",
                    }
                ],
            },
        )
        arrived, published = server.wait_diagnostics(version)
        change_ms.append((arrived - started) * 1000)
        # The word is reported unless the paragraph is code or HTML: the chunk is linted anyway.
        if len(published["diagnostics"]) > findings:
            reported += 1
        findings = len(published["diagnostics"])
    server.close()
    if reported < len(change_ms) / 2:
        sys.exit(f"the typed word was reported {reported} times of {len(change_ms)}: the measurement is wrong")

    cli_ms = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        subprocess.run(
            [args.binary, "check", "--format", "json", str(path)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        cli_ms.append((time.perf_counter() - started) * 1000)

    size_kb = len(text.encode()) / 1000
    print(f"Документ: {size_kb:.0f} КБ markdown из {args.source}, замечаний: {findings}; "
          f"{len(change_ms)} изменений, новое замечание после {reported}.\n")
    print("| что | медиана, мс | 90-й процентиль, мс |")
    print("|---|---:|---:|")
    print(f"| `anglint lsp`: didChange → publishDiagnostics | {statistics.median(change_ms):.1f} "
          f"| {percentile(change_ms, 0.9):.1f} |")
    print(f"| `anglint lsp`: didOpen → publishDiagnostics (весь документ) | {open_ms:.1f} | — |")
    print(f"| `anglint check --format json` того же файла | {statistics.median(cli_ms):.1f} "
          f"| {percentile(cli_ms, 0.9):.1f} |")
    ratio = statistics.median(cli_ms) / statistics.median(change_ms)
    print(f"\nСервер / CLI = {statistics.median(change_ms) / statistics.median(cli_ms):.3f} "
          f"(сервер быстрее в {ratio:.0f} раз)")


if __name__ == "__main__":
    main()
