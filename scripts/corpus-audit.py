#!/usr/bin/env python3
"""Runs anglint over a corpus and lists every distinct flagged form with its count, term and one
example line, most frequent first — for reviewing false positives by hand.

    cargo build --release
    python3 scripts/corpus-audit.py ../shared/corpus > /tmp/audit.tsv
"""

import collections
import json
import subprocess
import sys


def main() -> None:
    corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/anglint"
    run = subprocess.run(
        [binary, "check", "--format", "json", corpus],
        capture_output=True,
        check=False,
    )
    document = json.loads(run.stdout)
    forms = collections.Counter()
    terms = {}
    examples = {}
    for diagnostic in document["diagnostics"]:
        form = diagnostic["matched"].lower().replace("ё", "е")
        forms[form] += 1
        terms[form] = diagnostic["term"]
        if form not in examples:
            path = diagnostic["path"]
            with open(path, encoding="utf-8") as handle:
                line = handle.read().splitlines()[diagnostic["line"] - 1]
            examples[form] = f"{path}:{diagnostic['line']}: {line.strip()[:160]}"
    summary = document["summary"]
    print(
        f"# {summary['diagnostics']} diagnostics, {len(forms)} distinct forms, "
        f"{summary['files_with_diagnostics']} of {summary['files_checked']} files, "
        f"{summary['errors']} errors"
    )
    for form, count in forms.most_common():
        print(f"{count}\t{form}\t{terms[form]}\t{examples[form]}")


if __name__ == "__main__":
    main()
