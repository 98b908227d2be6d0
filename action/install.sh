#!/usr/bin/env bash
# Step "install" of action.yml: installs anglint from PyPI into its own virtual environment in
# $RUNNER_TEMP (runners' system Python refuses `pip install`, PEP 668) and sets the output
# `anglint` to the executable's path.
#
# Environment: INPUT_VERSION (empty: the version in the action's own Cargo.toml), INPUT_PACKAGE
# (a pip requirement or a wheel's path instead of anglint==VERSION), GITHUB_ACTION_PATH,
# GITHUB_OUTPUT, RUNNER_TEMP.
set -euo pipefail

if [ -n "${INPUT_PACKAGE:-}" ]; then
    spec="$INPUT_PACKAGE"
else
    version="${INPUT_VERSION:-}"
    if [ -z "$version" ]; then
        version="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -n 1)"
        [ -n "$version" ] || {
            echo "::error title=anglint::не удалось узнать версию anglint из $GITHUB_ACTION_PATH/Cargo.toml; задайте version"
            exit 2
        }
    fi
    spec="anglint==${version#v}"
fi

python=""
for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1; then
        python="$candidate"
        break
    fi
done
[ -n "$python" ] || {
    echo "::error title=anglint::нужен Python 3 (например, шаг actions/setup-python)"
    exit 2
}

venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/anglint-venv"
rm -rf "$venv"
"$python" -m venv "$venv"
echo "Ставлю $spec"
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec"; then
    echo "::error title=anglint::не удалось поставить $spec через pip (колеса anglint есть для Linux x86_64 и aarch64)"
    exit 2
fi
"$venv/bin/anglint" --version
echo "anglint=$venv/bin/anglint" >>"$GITHUB_OUTPUT"
