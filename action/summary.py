#!/usr/bin/env python3
"""The Russian summary of an anglint run for $GITHUB_STEP_SUMMARY (GitHub-flavoured markdown).

Reads the report of `anglint check --format json` (the format is in README, «Формат JSON») and
prints: a headline with the totals, a table of findings per file, a table per dictionary term
(its forms found and the first suggested replacement of each), and the files anglint could not
read. With --outputs FILE it appends `findings=N` and `errors=N` for the step's outputs.

    python3 action/summary.py --exit-code 1 report.json >> "$GITHUB_STEP_SUMMARY"

Only the standard library: runners have Python 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, OrderedDict

# More rows than this per table are summed up in one line: the summary of a step is limited
# to 1 MiB.
MAX_ROWS = 100

SEVERITIES = ("error", "warning", "info")


def plural(n: int, one: str, few: str, many: str) -> str:
    """`n` with the Russian plural form that agrees with it: 1 файл, 2 файла, 5 файлов."""
    if n % 10 == 1 and n % 100 != 11:
        form = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        form = few
    else:
        form = many
    return f"{n} {form}"


def code(text: str) -> str:
    """`text` as inline code that survives backticks and pipes inside a table cell."""
    text = text.replace("\n", " ").replace("|", "\\|")
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def cell(text: str) -> str:
    """Plain text for a table cell."""
    return text.replace("\n", " ").replace("|", "\\|")


def quoted(text: str) -> str:
    return f"«{cell(text)}»"


def by_level(counts: Counter) -> str:
    parts = []
    if counts["error"]:
        parts.append(plural(counts["error"], "ошибка", "ошибки", "ошибок"))
    if counts["warning"]:
        parts.append(plural(counts["warning"], "предупреждение", "предупреждения", "предупреждений"))
    if counts["info"]:
        parts.append(plural(counts["info"], "совет", "совета", "советов"))
    return ", ".join(parts)


def display_path(path: str) -> str:
    """A path as the reader knows it: `./docs/a.md` (anglint check .) is `docs/a.md`."""
    while path.startswith("./"):
        path = path[2:]
    return path


def render(report: dict, exit_code: int, scope: str) -> str:
    diagnostics = report.get("diagnostics") or []
    for d in diagnostics:
        d["path"] = display_path(d["path"])
    errors = report.get("errors") or []
    summary = report.get("summary") or {}
    files_checked = summary.get("files_checked", 0)
    lines: list[str] = []

    where = {
        "pull-request": "в измененных файлах пулл-реквеста",
        "paths": "в заданных путях",
        "all": "в репозитории",
    }.get(scope, "")
    checked = f"Проверено: {plural(files_checked, 'файл', 'файла', 'файлов')}"
    checked += f" {where}." if where else "."

    if diagnostics:
        files = OrderedDict()
        for d in diagnostics:
            files.setdefault(d["path"], Counter())[d["severity"]] += 1
        total = Counter(d["severity"] for d in diagnostics)
        lines.append(
            f"## anglint: {plural(len(diagnostics), 'замечание', 'замечания', 'замечаний')} "
            f"в {plural(len(files), 'файле', 'файлах', 'файлах')}"
        )
        lines.append("")
        lines.append(f"{checked} По уровням: {by_level(total)}.")
        fixable = summary.get("fixable", 0)
        unsafe = summary.get("unsafe_fixable", 0)
        if fixable or unsafe:
            fix = f"Исправить автоматически (`anglint check --fix`): {fixable}"
            if unsafe:
                fix += f", еще {unsafe} — с `--unsafe-fixes`"
            lines.append("")
            lines.append(fix + ".")
        if exit_code == 0:
            lines.append("")
            lines.append("Шаг не падает: замечания ниже уровня `fail-on`.")

        lines += ["", "### По файлам", ""]
        lines.append("| Файл | Замечаний | Ошибки | Предупреждения | Советы |")
        lines.append("|---|---:|---:|---:|---:|")
        rows = sorted(files.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        for path, counts in rows[:MAX_ROWS]:
            lines.append(
                f"| {code(path)} | {sum(counts.values())} | {counts['error']} "
                f"| {counts['warning']} | {counts['info']} |"
            )
        if len(rows) > MAX_ROWS:
            lines.append(f"| … и еще {plural(len(rows) - MAX_ROWS, 'файл', 'файла', 'файлов')} | | | | |")

        terms = OrderedDict()
        for d in diagnostics:
            term = d.get("term") or d.get("matched") or ""
            entry = terms.setdefault(
                term,
                {"count": 0, "files": set(), "codes": set(), "forms": OrderedDict(), "origin": d.get("origin")},
            )
            entry["count"] += 1
            entry["files"].add(d["path"])
            entry["codes"].add(d["code"])
            suggestions = d.get("suggestions") or []
            form = d.get("matched", "")
            if form.lower() not in {f.lower() for f in entry["forms"]}:
                entry["forms"][form] = suggestions[0]["text"] if suggestions else None

        lines += ["", "### По терминам", ""]
        lines.append("| Термин | Сколько раз | В файлах | Правило | Найденные формы → замены |")
        lines.append("|---|---:|---:|---|---|")
        rows = sorted(terms.items(), key=lambda item: (-item[1]["count"], item[0]))
        for term, entry in rows[:MAX_ROWS]:
            name = quoted(term)
            if entry["origin"]:
                name += f" (англ. {cell(entry['origin'])})"
            forms = []
            for form, replacement in list(entry["forms"].items())[:5]:
                forms.append(f"{quoted(form)} → {quoted(replacement)}" if replacement else quoted(form))
            if len(entry["forms"]) > 5:
                forms.append("…")
            lines.append(
                f"| {name} | {entry['count']} | {len(entry['files'])} "
                f"| {', '.join(sorted(entry['codes']))} | {'; '.join(forms)} |"
            )
        if len(rows) > MAX_ROWS:
            lines.append(f"| … и еще {plural(len(rows) - MAX_ROWS, 'термин', 'термина', 'терминов')} | | | | |")
    elif errors or exit_code == 2:
        lines.append("## anglint: ошибка")
        lines.append("")
        lines.append(f"{checked} Замечаний нет, но проверка не удалась.")
    else:
        lines.append("## anglint: замечаний нет")
        lines.append("")
        lines.append(checked)

    if errors:
        lines += ["", "### Не удалось проверить", ""]
        lines.append("| Файл | Ошибка |")
        lines.append("|---|---|")
        for error in errors[:MAX_ROWS]:
            lines.append(f"| {code(display_path(error.get('path', '')))} | {cell(error.get('message', ''))} |")
        if len(errors) > MAX_ROWS:
            lines.append(f"| … и еще {len(errors) - MAX_ROWS} | |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="JSON report of anglint check --format json")
    parser.add_argument("--exit-code", type=int, default=1, help="anglint's exit code")
    parser.add_argument("--scope", default="", help="pull-request, paths or all")
    parser.add_argument("--outputs", help="append findings= and errors= to this file")
    args = parser.parse_args()

    try:
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as error:
        sys.stdout.write(f"## anglint: ошибка\n\nНет отчета anglint в формате JSON: {cell(str(error))}\n")
        return 1
    if report.get("version") != 1:
        sys.stdout.write(f"## anglint: ошибка\n\nНеизвестная версия отчета JSON: {report.get('version')!r}\n")
        return 1

    sys.stdout.write(render(report, args.exit_code, args.scope))
    if args.outputs:
        with open(args.outputs, "a", encoding="utf-8") as f:
            f.write(f"findings={len(report.get('diagnostics') or [])}\n")
            f.write(f"errors={len(report.get('errors') or [])}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
