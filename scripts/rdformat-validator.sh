#!/usr/bin/env bash
# Installs reviewdog's RDFormat validator (the npm package @umbrelladocs/rdformat-validator, which
# checks JSON against reviewdog's Diagnostic Format) into target/ci-tools-node for the rdjson
# tests. Idempotent; prints the validator's path.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$PWD/target/ci-tools-node"
validator="$prefix/node_modules/.bin/rdformat-validator"
if [ ! -x "$validator" ]; then
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --silent \
        @umbrelladocs/rdformat-validator@1.0.1 >&2
fi
echo "$validator"
