#!/usr/bin/env python3
"""Runs the steps of action.yml (the composite GitHub Action) on local git repositories, as the
runner would: each step's `run` with `bash --noprofile --norc -eo pipefail`, its `env` with the
`${{ ... }}` expressions evaluated (inputs with their defaults, github.*, runner.*, the outputs
of earlier steps), GITHUB_OUTPUT a new file per step, GITHUB_STEP_SUMMARY one file for the job.
Then checks the exit status, the annotations, the outputs, the SARIF file and the Russian
summary table.

    python3 tests/action/run.py DIR_WITH_WHEEL

DIR_WITH_WHEEL holds the anglint wheel: the action installs anglint==<Cargo.toml's version> with
pip offline from it (PIP_NO_INDEX, PIP_FIND_LINKS), the default install path of the action.
Needs PyYAML (target/ci-tools has it: pre-commit depends on it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*")

failures: list[str] = []


def check(condition: bool, what: str, details: str = "") -> None:
    if condition:
        print(f"  ok: {what}")
    else:
        print(f"  FAIL: {what}\n{details}")
        failures.append(what)


def evaluate(text: str, context: dict) -> str:
    """`${{ a.b.c }}` expressions in text: only property paths (all this action uses)."""

    def one(match: re.Match) -> str:
        expression = match.group(1)
        if not PATH.fullmatch(expression):
            raise ValueError(f"unsupported expression in action.yml: {expression}")
        value = context
        for key in expression.split("."):
            value = value.get(key, "") if isinstance(value, dict) else ""
        return "" if value is None else str(value)

    return EXPRESSION.sub(one, text)


def read_outputs(path: Path) -> dict:
    """The `name=value` and `name<<DELIMITER` lines a step wrote to GITHUB_OUTPUT."""
    outputs = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            i += 1
            while lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def run_action(workspace: Path, inputs: dict, event: dict, temp: Path, env: dict) -> dict:
    """Runs action.yml's steps in workspace; returns status, stdout, summary, outputs."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    unknown = set(inputs) - set(action["inputs"])
    assert not unknown, f"inputs not in action.yml: {unknown}"
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)

    runner_temp = temp / "runner"
    shutil.rmtree(runner_temp, ignore_errors=True)
    runner_temp.mkdir(parents=True)
    summary = temp / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    event_path = temp / "event.json"
    event_path.write_text(json.dumps(event.get("payload", {})), encoding="utf-8")
    context = {
        "inputs": values,
        "github": {
            "action_path": str(ROOT),
            "event_name": event.get("name", "push"),
            "event": event.get("payload", {}),
            "workspace": str(workspace),
        },
        "runner": {"temp": str(runner_temp), "os": "Linux"},
        "steps": {},
    }
    stdout = ""
    status = 0
    for number, step in enumerate(action["runs"]["steps"]):
        assert set(step) <= {"id", "name", "shell", "run", "env"}, f"unsupported keys: {step}"
        assert step["shell"] == "bash"
        output = temp / f"output-{number}"
        output.write_text("", encoding="utf-8")
        script = temp / f"step-{number}.sh"
        script.write_text(evaluate(step["run"], context), encoding="utf-8")
        step_env = dict(env)
        step_env.update(
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_ACTION_PATH": str(ROOT),
                "GITHUB_WORKSPACE": str(workspace),
                "GITHUB_EVENT_NAME": context["github"]["event_name"],
                "GITHUB_EVENT_PATH": str(event_path),
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary),
                "RUNNER_TEMP": str(runner_temp),
            }
        )
        for name, value in (step.get("env") or {}).items():
            step_env[name] = evaluate(str(value), context)
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
        )
        stdout += result.stdout
        if result.stderr:
            print(result.stderr, end="", file=sys.stderr)
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": read_outputs(output)}
        if result.returncode != 0:
            status = result.returncode
            break
    outputs = {
        name: evaluate(str(spec.get("value", "")), context)
        for name, spec in (action.get("outputs") or {}).items()
    }
    return {
        "status": status,
        "stdout": stdout,
        "summary": summary.read_text(encoding="utf-8"),
        "outputs": outputs,
    }


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {args}: {result.stderr}")
    return result.stdout.strip()


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def table_rows(summary: str, heading: str) -> list[list[str]]:
    """The rows of the table after `### heading`, as lists of cells."""
    lines = summary.splitlines()
    start = lines.index(f"### {heading}")
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("### "):
            break
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows[1:]


def main() -> int:
    wheels = Path(sys.argv[1]).resolve()
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^version\s*=\s*"([^"]+)"', cargo, re.M).group(1)
    assert list(wheels.glob(f"anglint-{version}-*.whl")), f"no anglint {version} wheel in {wheels}"

    env = dict(os.environ)
    env.update({"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    env.pop("GITHUB_STEP_SUMMARY", None)
    env.pop("GITHUB_OUTPUT", None)

    temp = Path(tempfile.mkdtemp(prefix="anglint-action-"))
    try:
        # "origin": the base branch, then the pull request's commit.
        origin = temp / "origin"
        origin.mkdir()
        git(origin, "init", "-q", "-b", "main")
        git(origin, "config", "user.email", "test@example.com")
        git(origin, "config", "user.name", "test")
        write(origin, "docs/old.md", "# Старое\n\nСтарая фича, ее не трогали.\n")
        write(origin, "notes.txt", "Обычная заметка.\n")
        write(origin, "docs/gone.md", "Удаленная фича.\n")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "base")
        base = git(origin, "rev-parse", "HEAD")
        # A commit on main after the branch point: not the pull request's (base...head).
        write(origin, "docs/later.md", "Фича в main после ответвления.\n")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "later on main")
        base_tip = git(origin, "rev-parse", "HEAD")
        git(origin, "checkout", "-q", "-b", "feature", base)
        write(origin, "docs/new file.md", "# Новости\n\nМы выкатили новую фичу для сейлзов.\nЕще одна фича.\n")
        write(origin, "notes.txt", "Обычная заметка.\nДедлайн в пятницу.\n")
        write(origin, "src/app.rs", "// фича в коде не проверяется\n")
        write(origin, "docs/Clean.MD", "# Новости\n\nМы выпустили новую функцию.\n")
        git(origin, "rm", "-q", "docs/gone.md")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "feature")
        head = git(origin, "rev-parse", "HEAD")
        pull_request = {
            "name": "pull_request",
            "payload": {"pull_request": {"base": {"sha": base_tip}, "head": {"sha": head}}},
        }

        # The runner's checkout: one commit deep, as actions/checkout does by default.
        workspace = temp / "workspace"
        subprocess.run(
            ["git", "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}", str(workspace)],
            check=True,
        )

        print("pull request, default inputs (shallow checkout, SARIF):")
        sarif = temp / "reports" / "anglint.sarif"
        result = run_action(workspace, {"sarif-file": str(sarif)}, pull_request, temp, env)
        summary = result["summary"]
        details = result["stdout"] + summary
        check(result["status"] == 1, "exit status 1 on findings", details)
        check(result["outputs"]["exit-code"] == "1", "output exit-code=1", str(result["outputs"]))
        check(result["outputs"]["findings"] == "4", "output findings=4", str(result["outputs"]))
        check(
            "::warning file=docs/new file.md,line=3," in result["stdout"],
            "annotation for the changed markdown file",
            result["stdout"],
        )
        check("file=notes.txt,line=2," in result["stdout"], "annotation for the changed .txt", result["stdout"])
        for name in ("docs/old.md", "docs/later.md", "src/app.rs", "docs/gone.md"):
            check(name not in details, f"{name} is not checked", details)
        check(
            summary.startswith("## anglint: 4 замечания в 2 файлах\n"),
            "summary headline",
            summary,
        )
        check(
            "Проверено: 3 файла в измененных файлах пулл-реквеста." in summary,
            "summary counts the checked files (with the clean one)",
            summary,
        )
        files = table_rows(summary, "По файлам")
        check(
            files == [["`docs/new file.md`", "3", "0", "3", "0"], ["`notes.txt`", "1", "0", "1", "0"]],
            "table per file",
            summary,
        )
        terms = {row[0]: row for row in table_rows(summary, "По терминам")}
        check(
            terms.get("«фича» (англ. feature)", [None, None])[1:4] == ["2", "1", "AL001"]
            and "«фичу» → «функцию»" in terms["«фича» (англ. feature)"][4]
            and "«фича» → «функция»" in terms["«фича» (англ. feature)"][4],
            "table per term: фича, twice, its forms and replacements",
            summary,
        )
        check(
            any(term.startswith("«дедлайн»") and row[1] == "1" for term, row in terms.items()),
            "table per term: дедлайн",
            summary,
        )
        check(any(term.startswith("«сейлз»") for term in terms), "table per term: сейлз", summary)
        try:
            report = json.loads(sarif.read_text(encoding="utf-8"))
            results = report["runs"][0]["results"]
        except (OSError, ValueError, KeyError, IndexError) as error:
            results = error
        check(isinstance(results, list) and len(results) == 4, "SARIF file with 4 results", str(results))

        print("given paths and config:")
        write(workspace, "team.toml", 'allow = ["фича"]\n')
        result = run_action(
            workspace,
            {"paths": "docs/old.md\n  notes.txt", "config": "team.toml"},
            pull_request,
            temp,
            env,
        )
        details = result["stdout"] + result["summary"]
        check(result["status"] == 1, "exit status 1", details)
        check(result["outputs"]["findings"] == "1", "allowed «фича» is not reported: 1 finding", details)
        check("в заданных путях" in result["summary"], "summary names the scope", details)
        check("docs/new file.md" not in details, "only the given paths", details)

        print("pull request without texts:")
        git(origin, "checkout", "-q", "-b", "code-only", base_tip)
        write(origin, "src/lib.rs", "// фича\n")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "code")
        code_only = {
            "name": "pull_request",
            "payload": {"pull_request": {"base": {"sha": base_tip}, "head": {"sha": git(origin, "rev-parse", "HEAD")}}},
        }
        result = run_action(workspace, {}, code_only, temp, env)
        check(result["status"] == 0, "exit status 0", result["stdout"] + result["summary"])
        check(result["summary"].startswith("## anglint: нечего проверять"), "summary says so", result["summary"])
        check(result["outputs"]["findings"] == "0", "findings=0", str(result["outputs"]))

        print("clean pull request:")
        git(origin, "checkout", "-q", "-b", "clean", base_tip)
        write(origin, "docs/clean.md", "Мы выпустили новую функцию.\n")
        git(origin, "add", ".")
        git(origin, "commit", "-q", "-m", "clean")
        clean = {
            "name": "pull_request",
            "payload": {"pull_request": {"base": {"sha": base_tip}, "head": {"sha": git(origin, "rev-parse", "HEAD")}}},
        }
        # The runner checks out the pull request's commit.
        git(workspace, "fetch", "-q", "origin", "clean")
        git(workspace, "checkout", "-q", "--detach", "FETCH_HEAD")
        result = run_action(workspace, {}, clean, temp, env)
        check(result["status"] == 0, "exit status 0", result["stdout"] + result["summary"])
        check(
            result["summary"] == "## anglint: замечаний нет\n\nПроверено: 1 файл в измененных файлах пулл-реквеста.\n",
            "summary: no findings",
            result["summary"],
        )

        git(workspace, "checkout", "-q", "--detach", head)

        print("errors:")
        result = run_action(workspace, {"paths": "missing.md"}, pull_request, temp, env)
        check(result["status"] == 2, "a missing file: exit status 2", result["stdout"] + result["summary"])
        check(
            result["summary"].startswith("## anglint: ошибка") and "### Не удалось проверить" in result["summary"],
            "summary reports the error",
            result["summary"],
        )
        result = run_action(workspace, {"fail-on": "never"}, pull_request, temp, env)
        check(result["status"] == 2, "fail-on: an unknown level is an error", result["stdout"] + result["summary"])
        check("нужно info, warning или error" in result["summary"], "in Russian", result["summary"])

        print("fail-on:")
        anglint = next((temp / "runner").glob("anglint-venv/bin/anglint"))
        help_text = subprocess.run([anglint, "check", "--help"], capture_output=True, text=True).stdout
        if "--fail-on" in help_text:
            result = run_action(workspace, {"fail-on": "error"}, pull_request, temp, env)
            check(result["status"] == 0, "fail-on: error passes with warnings", result["stdout"] + result["summary"])
            check(result["outputs"]["findings"] == "4", "and still reports them", result["summary"])
            check("Шаг не падает" in result["summary"], "summary says the step passes", result["summary"])
            result = run_action(workspace, {"fail-on": "info"}, pull_request, temp, env)
            check(result["status"] == 1, "fail-on: info fails", result["stdout"] + result["summary"])
        else:
            print("  SKIP: this anglint has no --fail-on yet (the input is passed through to it)")

        print("package input (a wheel's path) and push event (whole repository):")
        wheel = next(wheels.glob(f"anglint-{version}-*.whl"))
        result = run_action(workspace, {"package": str(wheel)}, {"name": "push"}, temp, env)
        check(result["status"] == 1, "exit status 1", result["stdout"] + result["summary"])
        check("в репозитории" in result["summary"], "whole repository", result["summary"])
        check("`docs/old.md`" in result["summary"], "docs/old.md is checked", result["summary"])
    finally:
        shutil.rmtree(temp, ignore_errors=True)

    if failures:
        print(f"{len(failures)} checks failed: {failures}")
        return 1
    print("action: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
