#!/usr/bin/env bash
# Builds the PyPI wheels of the anglint binary (packaging/pypi) into target/wheels: manylinux2014
# (glibc 2.17), linked with zig, with maturin and ziglang from target/ci-tools. x86_64 always;
# aarch64 when the Rust target aarch64-unknown-linux-gnu is installed (nothing is downloaded for
# it: without the target it is skipped with a message). Prints the built wheels' paths.
#
#   bash scripts/build-wheel.sh            # x86_64, and aarch64 if its target is installed
#   bash scripts/build-wheel.sh x86_64     # only the given architectures
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tools="$(bash scripts/ci-tools.sh)"
out="$root/target/wheels"
mkdir -p "$out"

arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64)
installed="$(rustup target list --installed 2>/dev/null || rustc -vV | sed -n 's/^host: //p')"

built=()
for arch in "${arches[@]}"; do
    target="$arch-unknown-linux-gnu"
    if ! grep -qx "$target" <<<"$installed"; then
        echo "build-wheel: пропускаю $arch: цель Rust $target не установлена" \
            "(rustup target add $target; колесо для $arch соберет .github/workflows/release.yml)" >&2
        continue
    fi
    # Old wheels of this version and architecture go first, so the list below is this build's.
    rm -f "$out"/anglint-*-manylinux*_"$arch".whl
    (
        cd packaging/pypi
        PATH="$tools/bin:$PATH" "$tools/bin/maturin" build --quiet --release --zig \
            --compatibility manylinux2014 --target "$target" --out "$out" >&2
    )
    wheel="$(ls "$out"/anglint-*-manylinux*_"$arch".whl)"
    built+=("$wheel")
done
[ ${#built[@]} -gt 0 ] || { echo "build-wheel: ни одного колеса не собрано" >&2; exit 1; }
printf '%s\n' "${built[@]}"
