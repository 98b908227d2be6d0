#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 30), starting from the committed
# seeds (fuzz/seeds/TARGET) and the local corpus (fuzz/corpus/TARGET, not committed).
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); without them it says so
# and exits 0, so CI on a stable-only machine does not fail.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-30}"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain, skipped (rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: cargo-fuzz is not installed, skipped (cargo install cargo-fuzz)"
    exit 0
fi

for target in $(cargo +nightly fuzz list); do
    mkdir -p "corpus/$target"
    echo "fuzz: $target for ${seconds}s"
    cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1 |
        grep -E '^(stat::number_of_executed_units|Done|==[0-9]+==|SUMMARY)|panicked' || true
    # A crash leaves its input in artifacts/: fail with it.
    if compgen -G "artifacts/$target/crash-*" >/dev/null; then
        echo "fuzz: $target crashed; inputs in fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
