#!/usr/bin/env bash
# Tests the ways to install anglint without Rust, on the wheel(s) scripts/build-wheel.sh built:
#   1. the versions of Cargo.toml and the pre-commit placeholder (pyproject.toml) agree;
#      action.yml and the release workflow are valid (GitHub's schemas);
#   2. the x86_64 wheel is tagged manylinux2014 (manylinux_2_17) and auditwheel agrees;
#   3. pip installs it into a fresh virtual environment offline, with no cargo or rustc on PATH,
#      and `anglint check` finds the jargon in a fixture (exit code 1) and passes a clean one (0);
#   4. the pre-commit hook `anglint` (language: python) installs from this repository offline
#      (PIP_NO_INDEX, PIP_FIND_LINKS = the wheel and setuptools) without cargo on PATH, checks
#      only the staged .md/.markdown/.mdx/.txt files and finds the jargon; prints how long the
#      first run took (pre-commit's store is new, so it installs the hook from scratch);
#   5. the GitHub Action's steps (tests/action/run.py).
#
#   bash scripts/packaging-test.sh [WHEEL_DIR]     # default: target/wheels
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
wheels="$(cd "${1:-target/wheels}" && pwd)"
tools="$(bash scripts/ci-tools.sh)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
ok() { echo "  ok: $1"; }
fail() {
    echo "  FAIL: $1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/    /'
    failures=$((failures + 1))
}

echo "versions:"
version="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"
shim_version="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' pyproject.toml | head -n 1)"
shim_requires="$(sed -n 's/^dependencies *= *\["anglint==\([^"]*\)"\]/\1/p' pyproject.toml)"
if [ "$shim_version" = "$version" ] && [ "$shim_requires" = "$version" ]; then
    ok "Cargo.toml, pyproject.toml and its anglint==$version agree"
else
    fail "pyproject.toml: version $shim_version, anglint==$shim_requires; Cargo.toml: $version"
fi

echo "schemas (check-jsonschema's vendored ones, offline):"
for pair in "vendor.github-actions action.yml" "vendor.github-workflows .github/workflows/release.yml"; do
    read -r schema file <<<"$pair"
    if out="$("$tools/bin/check-jsonschema" --builtin-schema "$schema" "$file" 2>&1)"; then
        ok "$file"
    else
        fail "$file" "$out"
    fi
done

echo "wheel:"
wheel="$(ls "$wheels"/anglint-"$version"-*manylinux*_x86_64.whl 2>/dev/null | head -n 1 || true)"
if [ -z "$wheel" ]; then
    echo "  FAIL: no anglint $version x86_64 wheel in $wheels (bash scripts/build-wheel.sh)"
    exit 1
fi
echo "  $(basename "$wheel"): $(du -k "$wheel" | cut -f1) KiB"
tags="$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' \
    "$wheel" "anglint-$version.dist-info/WHEEL" | sed -n 's/^Tag: //p')"
if grep -qx "py3-none-manylinux_2_17_x86_64" <<<"$tags"; then
    ok "tag py3-none-manylinux_2_17_x86_64 (manylinux2014)"
else
    fail "wheel tags" "$tags"
fi
audit="$("$tools/bin/auditwheel" show "$wheel" 2>&1 || true)"
if grep -q 'consistent with the following platform tag' <<<"$audit" &&
    grep -q '"manylinux_2_17_x86_64"' <<<"$audit"; then
    ok "auditwheel show: manylinux_2_17_x86_64"
else
    fail "auditwheel show" "$audit"
fi

# PATH without any directory that has cargo or rustc (rustup's ~/.cargo/bin).
clean_path=""
IFS=: read -r -a dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
    [ -n "$dir" ] || continue
    [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ] || clean_path="${clean_path:+$clean_path:}$dir"
done
no_rust=(env -u CARGO_HOME -u RUSTUP_HOME -u RUSTUP_TOOLCHAIN -u CARGO PATH="$clean_path"
    PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels $tools/wheels" PIP_DISABLE_PIP_VERSION_CHECK=1)
if "${no_rust[@]}" bash -c 'command -v cargo || command -v rustc' >/dev/null; then
    echo "  FAIL: cargo is still on PATH=$clean_path"
    exit 1
fi

echo "pip install, no Rust on PATH, offline:"
"${no_rust[@]}" python3 -m venv "$tmp/venv"
start=$EPOCHREALTIME
if "${no_rust[@]}" "$tmp/venv/bin/pip" install --quiet "anglint==$version"; then
    ok "pip install anglint==$version: $(since "$start") s"
else
    fail "pip install anglint==$version"
fi
installed="$("${no_rust[@]}" "$tmp/venv/bin/anglint" --version 2>&1 || true)"
[ "$installed" = "anglint $version" ] && ok "anglint --version: $installed" || fail "anglint --version" "$installed"
code=0
out="$(cd fixtures && "${no_rust[@]}" "$tmp/venv/bin/anglint" check --no-config --format concise sales-memo.md)" || code=$?
expected="sales-memo.md:4:19: AL001 «сейлзов» — жаргонизм (англ. sales); по-русски: «менеджеров по продажам», «продавцов», «отделов продаж»"
if [ "$code" = 1 ] && grep -qxF "$expected" <<<"$out"; then
    ok "anglint check fixtures/sales-memo.md: exit code 1, $(wc -l <<<"$out") findings"
else
    fail "anglint check fixtures/sales-memo.md: exit code $code" "$out"
fi
code=0
out="$(cd fixtures && "${no_rust[@]}" "$tmp/venv/bin/anglint" check --no-config plain-russian.md 2>&1)" || code=$?
[ "$code" = 0 ] && ok "anglint check fixtures/plain-russian.md: exit code 0" ||
    fail "anglint check fixtures/plain-russian.md: exit code $code" "$out"

echo "pre-commit hook, no Rust on PATH, offline:"
repo="$tmp/repo"
mkdir -p "$repo"
(
    cd "$repo"
    git init -q
    git config user.email test@example.com
    git config user.name test
    printf '# Старое\n\nСтарая фича, в этом коммите ее не меняли.\n' >old.md
    git add old.md
    git commit -q -m old
    printf '# Новости\n\nМы выкатили новую фичу для сейлзов.\n' >news.md
    printf 'Дедлайн в пятницу.\n' >notes.txt
    printf 'export const title = "Новая фича";\n\nМы обсудили роадмап.\n' >page.mdx
    printf '// фича в коде не проверяется\n' >main.rs
    printf 'Мы выпустили новую функцию.\n' >clean.md
    git add news.md notes.txt page.mdx main.rs clean.md
    printf 'Несохраненная фича.\n' >unstaged.md
)
hook() {
    (cd "$repo" && "${no_rust[@]}" "$tools/bin/pre-commit" try-repo "$root" anglint --verbose 2>&1)
}
# try-repo installs the hook into a new store every time: each run is a first run.
start=$EPOCHREALTIME
code=0
out="$(hook)" || code=$?
echo "  first run (clones this repository, installs the hook, runs it): $(since "$start") s"
if [ "$code" = 1 ] && grep -qF "news.md:3:19" <<<"$out" && grep -qF "«фичу» — жаргонизм" <<<"$out" &&
    grep -qF "notes.txt:1:1" <<<"$out" && grep -qF "page.mdx:3:" <<<"$out"; then
    ok "finds the jargon in the staged news.md, notes.txt and page.mdx"
else
    fail "pre-commit try-repo: exit code $code" "$out"
fi
if grep -qE "old\.md|unstaged\.md|main\.rs" <<<"$out"; then
    fail "checks only the staged texts (not old.md, unstaged.md, main.rs)" "$out"
else
    ok "checks only the staged texts"
fi
(cd "$repo" && git reset -q && git add clean.md)
code=0
out="$(hook)" || code=$?
[ "$code" = 0 ] && ok "passes when only a clean file is staged" || fail "clean file: exit code $code" "$out"

echo "GitHub Action:"
if "${no_rust[@]}" PATH="$clean_path" "$tools/bin/python" tests/action/run.py "$wheels" >"$tmp/action.log" 2>&1; then
    ok "tests/action/run.py ($(grep -c '^  ok' "$tmp/action.log") checks)"
    grep "SKIP" "$tmp/action.log" || true
else
    fail "tests/action/run.py" "$(cat "$tmp/action.log")"
fi

if [ "$failures" -gt 0 ]; then
    echo "packaging: $failures failed"
    exit 1
fi
echo "packaging: all passed"
