#!/usr/bin/env python3
"""Score anglint on the labelled real-text evaluation set in tests/real/texts.

Each text carries inline labels (see tests/real/README.md):
  [[span]] or [[span|cause]]  must-flag, cause one of CAUSES (default "word")
  {{span}}                    may-flag
The labels are stripped, the plain texts are written to a temporary directory and
checked with `anglint check --no-config --format json DIR`. A labelled span is found
when any diagnostic overlaps it; a diagnostic is correct when it overlaps a must or
may span, otherwise it is a false positive.

Recall = found must spans / all must spans.
Precision = correct diagnostics / all diagnostics.

Python 3 standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

CAUSES = ("word", "latin", "variant", "derived", "compound", "calque")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXTS = os.path.join(ROOT, "tests", "real", "texts")
DEFAULT_BIN = os.path.join(ROOT, "target", "release", "anglint")


class LabelError(Exception):
    pass


def parse_labels(labelled, name="<text>"):
    """Strip the marks; return (plain text, spans).

    Each span is a dict with kind ("must" or "may"), cause, text, and UTF-8 byte
    offsets start/end (half-open) into the plain text.
    """
    out = []  # pieces of the plain text
    spans = []
    nbytes = 0
    i = 0
    n = len(labelled)
    while i < n:
        ch = labelled[i]
        if ch in "[{" and labelled.startswith(ch * 2, i):
            # In a run of brackets the last two open the mark; the rest is text.
            j = i
            while j < n and labelled[j] == ch:
                j += 1
            literal = labelled[i : j - 2]
            out.append(literal)
            nbytes += len(literal.encode("utf-8"))
            close = "]]" if ch == "[" else "}}"
            end = labelled.find(close, j)
            if end < 0:
                raise LabelError(f"{name}: unclosed {ch * 2} at character {i}")
            inner = labelled[j:end]
            if "\n" in inner:
                raise LabelError(f"{name}: label crosses a line at character {i}: {inner!r}")
            if "[[" in inner or "{{" in inner:
                raise LabelError(f"{name}: nested label at character {i}: {inner!r}")
            kind = "must" if ch == "[" else "may"
            cause = None
            if kind == "must":
                cause = "word"
                if "|" in inner:
                    inner, cause = inner.rsplit("|", 1)
                    if cause not in CAUSES:
                        raise LabelError(f"{name}: unknown cause {cause!r} at character {i}")
            elif "|" in inner:
                raise LabelError(f"{name}: a may-flag label takes no cause: {inner!r}")
            if not inner.strip():
                raise LabelError(f"{name}: empty label at character {i}")
            start = nbytes
            out.append(inner)
            nbytes += len(inner.encode("utf-8"))
            spans.append({"kind": kind, "cause": cause, "text": inner, "start": start, "end": nbytes})
            i = end + 2
            continue
        if labelled.startswith("]]", i) or labelled.startswith("}}", i):
            raise LabelError(f"{name}: stray {labelled[i:i + 2]} at character {i}")
        out.append(ch)
        nbytes += len(ch.encode("utf-8"))
        i += 1
    return "".join(out), spans


def load_texts(directory):
    texts = []
    for fname in sorted(os.listdir(directory)):
        path = os.path.join(directory, fname)
        if not os.path.isfile(path) or not fname.endswith((".md", ".txt")):
            continue
        with open(path, encoding="utf-8") as f:
            labelled = f.read()
        plain, spans = parse_labels(labelled, fname)
        texts.append({"name": fname, "plain": plain, "spans": spans})
    if not texts:
        raise SystemExit(f"no .md or .txt texts in {directory}")
    return texts


def ensure_binary(path):
    if os.path.exists(path):
        return path
    if os.path.abspath(path) != DEFAULT_BIN:
        raise SystemExit(f"anglint binary not found: {path}")
    print("building the release binary (cargo build --release)...", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    return path


def run_anglint(binary, texts):
    """Write the plain texts to a temporary directory and lint it in one run."""
    with tempfile.TemporaryDirectory(prefix="anglint-real-") as tmp:
        work = os.path.join(tmp, "texts")
        os.mkdir(work)
        for t in texts:
            with open(os.path.join(work, t["name"]), "w", encoding="utf-8") as f:
                f.write(t["plain"])
        proc = subprocess.run(
            [binary, "check", "--no-config", "--format", "json", "texts"],
            cwd=tmp,
            capture_output=True,
        )
        if proc.returncode not in (0, 1):
            raise SystemExit(
                f"anglint exited with {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')}"
            )
        report = json.loads(proc.stdout.decode("utf-8"))
    by_file = defaultdict(list)
    for d in report.get("diagnostics", []):
        by_file[os.path.basename(d["path"])].append(d)
    return by_file


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def line_of(plain, byte_start):
    data = plain.encode("utf-8")
    lo = data.rfind(b"\n", 0, byte_start) + 1
    hi = data.find(b"\n", byte_start)
    if hi < 0:
        hi = len(data)
    return data.count(b"\n", 0, byte_start) + 1, data[lo:hi].decode("utf-8", "replace").strip()


def score(texts, diags_by_file):
    files = []
    misses = defaultdict(list)
    false_positives = []
    total = {"must": 0, "found": 0, "may": 0, "diagnostics": 0, "correct": 0}
    for t in texts:
        diags = diags_by_file.get(t["name"], [])
        must = [s for s in t["spans"] if s["kind"] == "must"]
        may = [s for s in t["spans"] if s["kind"] == "may"]
        found = 0
        for s in must:
            if any(overlaps(s["start"], s["end"], d["byte_start"], d["byte_end"]) for d in diags):
                found += 1
            else:
                line, _ = line_of(t["plain"], s["start"])
                misses[s["cause"]].append({"file": t["name"], "line": line, "text": s["text"]})
        correct = 0
        for d in diags:
            if any(overlaps(s["start"], s["end"], d["byte_start"], d["byte_end"]) for s in t["spans"]):
                correct += 1
            else:
                line, context = line_of(t["plain"], d["byte_start"])
                false_positives.append(
                    {
                        "file": t["name"],
                        "line": line,
                        "matched": d.get("matched"),
                        "term": d.get("term"),
                        "code": d.get("code"),
                        "context": context,
                    }
                )
        files.append(
            {
                "file": t["name"],
                "must": len(must),
                "found": found,
                "may": len(may),
                "diagnostics": len(diags),
                "correct": correct,
            }
        )
        total["must"] += len(must)
        total["found"] += found
        total["may"] += len(may)
        total["diagnostics"] += len(diags)
        total["correct"] += correct
    known = {t["name"] for t in texts}
    for name in diags_by_file:
        if name not in known:
            raise SystemExit(f"anglint reported a file that is not in the set: {name}")
    return files, total, misses, false_positives


def ratio(num, den):
    return num / den if den else 1.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=DEFAULT_BIN, help="anglint binary (default: target/release/anglint)")
    ap.add_argument("--texts", default=TEXTS, help="directory of labelled texts")
    ap.add_argument("--json", action="store_true", help="print a machine-readable summary")
    args = ap.parse_args()

    try:
        texts = load_texts(args.texts)
    except LabelError as e:
        raise SystemExit(f"labelling error: {e}")
    binary = ensure_binary(args.bin)
    files, total, misses, fps = score(texts, run_anglint(binary, texts))
    recall = ratio(total["found"], total["must"])
    precision = ratio(total["correct"], total["diagnostics"])

    if args.json:
        summary = {
            "files": len(files),
            "characters": sum(len(t["plain"]) for t in texts),
            "must": total["must"],
            "may": total["may"],
            "found": total["found"],
            "diagnostics": total["diagnostics"],
            "correct": total["correct"],
            "recall": round(recall, 4),
            "precision": round(precision, 4),
            "misses_by_cause": {
                c: {"count": len(misses[c]), "texts": [m["text"] for m in misses[c]]}
                for c in CAUSES
                if misses[c]
            },
            "false_positives": fps,
            "per_file": [
                dict(f, recall=round(ratio(f["found"], f["must"]), 4),
                     precision=round(ratio(f["correct"], f["diagnostics"]), 4))
                for f in files
            ],
        }
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return

    print(f"{'file':38} {'must':>5} {'found':>5} {'recall':>7} {'diags':>5} {'ok':>4} {'prec':>6}")
    for f in files:
        print(
            f"{f['file']:38} {f['must']:5} {f['found']:5} {ratio(f['found'], f['must']):7.2f}"
            f" {f['diagnostics']:5} {f['correct']:4} {ratio(f['correct'], f['diagnostics']):6.2f}"
        )
    chars = sum(len(t["plain"]) for t in texts)
    print()
    print(f"{len(files)} files, {chars} characters, {total['must']} must-flag and {total['may']} may-flag spans")
    print(f"recall    {recall:.4f}  ({total['found']} of {total['must']} must-flag spans found)")
    print(f"precision {precision:.4f}  ({total['correct']} of {total['diagnostics']} diagnostics on labelled spans)")

    print()
    print("misses by cause:")
    for c in CAUSES:
        if not misses[c]:
            continue
        counts = defaultdict(int)
        for m in misses[c]:
            counts[m["text"]] += 1
        listed = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f"  {c:9} {len(misses[c]):4}: {listed}")

    print()
    print(f"false positives ({len(fps)}):")
    for fp in fps:
        print(f"  {fp['file']}:{fp['line']}: «{fp['matched']}» ({fp['term']}) — {fp['context']}")


if __name__ == "__main__":
    main()
