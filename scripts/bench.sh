#!/usr/bin/env bash
# Speed and memory of anglint side by side with ripgrep over the same word forms and files.
#
#   bash scripts/bench.sh CORPUS_DIR [COPIES]      e.g. bash scripts/bench.sh ../shared/corpus 8
#
# Builds a tree of COPIES copies (default 8) of the markdown files of CORPUS_DIR in
# target/bench/tree, writes the forms anglint looks for (`anglint dict forms`) to
# target/bench/forms.txt, and times with hyperfine, in one run:
#   - single-threaded: `anglint check --threads 1 --format json` vs `rg -j1 -c -i -w -F -f forms`
#   - all cores:       `anglint check --format json`             vs `rg -c -i -w -F -f forms`
#   - one large file: the tree's files concatenated into one markdown file;
#   - start-up: one small markdown file with jargon, and one without;
# and peak memory with GNU time (the tree, the large file, the small file). Writes
# docs/benchmarks.md (machine, commands, date, numbers).
# Installs hyperfine, ripgrep and GNU time from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:?usage: scripts/bench.sh CORPUS_DIR [COPIES]}"
copies="${2:-8}"
corpus="$(cd "$corpus" && pwd)"

need() {
    local missing=()
    for tool in "$@"; do
        case "$tool" in
            rg) command -v rg >/dev/null || missing+=(ripgrep) ;;
            hyperfine) command -v hyperfine >/dev/null || missing+=(hyperfine) ;;
            time) [ -x /usr/bin/time ] || missing+=(time) ;;
        esac
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
            { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${missing[@]}" >/dev/null; }
    fi
}
need rg hyperfine time

cargo build --release --quiet
anglint="$PWD/target/release/anglint"
work="$PWD/target/bench"
rm -rf "$work"
mkdir -p "$work/tree"

# The tree: COPIES copies of the corpus's markdown files, directory structure kept.
for copy in $(seq 1 "$copies"); do
    mkdir -p "$work/tree/copy$copy"
    (cd "$corpus" && find . -type f \( -name '*.md' -o -name '*.markdown' \) -print0 |
        xargs -0 cp --parents -t "$work/tree/copy$copy")
done
files=$(find "$work/tree" -type f | wc -l)
bytes=$(find "$work/tree" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
"$anglint" dict forms >"$work/forms.txt"
forms=$(wc -l <"$work/forms.txt")
printf 'Мы выкатили новую фичу для сейлзов.\n\nОбсудим на митинге фидбэк.\n' >"$work/small.md"
printf 'Мы выпустили новую функцию для отдела продаж.\n\nОбсудим на встрече отзывы.\n' >"$work/clean.md"
# One large file: every file of the tree, one after another (blank lines between them).
find "$work/tree" -type f -print0 | sort -z | xargs -0 awk 'FNR == 1 && NR > 1 { print "" } { print }' >"$work/large.md"
one_bytes=$(stat -c %s "$work/large.md")

cd "$work"
export NO_COLOR=1
hyperfine --warmup 1 --runs 5 --ignore-failure --export-markdown single.md --export-json single.json \
    -n "anglint --threads 1" "$anglint check --threads 1 --format json tree > /dev/null" \
    -n "rg -j1" "rg -j1 -c -i -w -F -f forms.txt tree > /dev/null"
hyperfine --warmup 1 --runs 5 --ignore-failure --export-markdown parallel.md --export-json parallel.json \
    -n "anglint" "$anglint check --format json tree > /dev/null" \
    -n "rg" "rg -c -i -w -F -f forms.txt tree > /dev/null" \
    -n "rg без -i (только строчные формы)" "rg -c -w -F -f forms.txt tree > /dev/null"
hyperfine --warmup 1 --runs 3 --ignore-failure --export-markdown large-file.md --export-json large-file.json \
    -n "anglint, один файл" "$anglint check --format json large.md > /dev/null" \
    -n "rg, один файл" "rg -c -i -w -F -f forms.txt large.md > /dev/null"
# Without a shell (-N): a shell's own start-up would be a tenth of what is measured.
hyperfine -N --warmup 5 --runs 40 --ignore-failure --export-markdown startup.md --export-json startup.json \
    -n "anglint, one small file" "$anglint check small.md" \
    -n "anglint, one small file without jargon" "$anglint check clean.md" \
    -n "rg, one small file" "rg -c -i -w -F -f forms.txt small.md"

peak() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1; }
memory_tree=$(peak "$anglint" check --format json tree)
memory_small=$(peak "$anglint" check small.md)
memory_one=$(peak "$anglint" check --format json large.md)
memory_rg=$(peak rg -c -i -w -F -f forms.txt tree)

ratio() {
    python3 - "$1" "${2:-1}" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(f"{results[0]['mean'] / results[int(sys.argv[2])]['mean']:.2f}")
EOF
}
median_ms() {
    python3 - "$1" "${2:-0}" <<'EOF'
import json, sys
print(f"{json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'] * 1000:.1f}")
EOF
}

cd - >/dev/null
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
    echo "# Скорость и память"
    echo
    echo "Измерено \`bash scripts/bench.sh $1 $copies\` $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "- Машина: $cpu, $(nproc) ядра, $(free -g | awk '/Mem:/ {print $2}') ГБ памяти; $(uname -sr)."
    echo "- anglint $("$anglint" --version | cut -d' ' -f2) (release), $(rg --version | head -1), $(hyperfine --version)."
    echo "- Дерево: $copies копий markdown-файлов корпуса — $files файлов, $((bytes / 1000000)) МБ; $forms форм слов (\`anglint dict forms\`)."
    echo "- anglint делает всё: разбор markdown, поиск, фильтр столкновений, замены в нужной форме, JSON;"
    echo "  ripgrep (\`rg -c -i -w -F -f forms.txt\`) только считает совпадения тех же форм — это предел того,"
    echo "  что позволяет железо."
    echo
    echo "## Один поток: anglint / ripgrep = $(ratio "$work/single.json")×"
    echo
    cat "$work/single.md"
    echo
    echo "## Все ядра: anglint / ripgrep = $(ratio "$work/parallel.json")×"
    echo
    echo 'ripgrep с `-i` и тысячами кириллических форм не может искать быстрым автоматом и сравнивает'
    echo 'регулярным выражением; третья строка — ripgrep без `-i` (он находит только формы, написанные'
    echo 'строчными, то есть меньше, чем anglint) — ориентир того, что позволяет железо:'
    echo "anglint / (rg без -i) = $(ratio "$work/parallel.json" 2)×."
    echo
    cat "$work/parallel.md"
    echo
    echo "## Один файл в $((one_bytes / 1000000)) МБ: anglint / ripgrep = $(ratio "$work/large-file.json")×"
    echo
    cat "$work/large-file.md"
    echo
    echo "## Запуск на одном маленьком файле: медиана $(median_ms "$work/startup.json") мс"
    echo
    echo "С жаргоном (4 замечания с заменами в нужной форме) — $(median_ms "$work/startup.json") мс,"
    echo "без жаргона — $(median_ms "$work/startup.json" 1) мс. ripgrep тратит время на сборку"
    echo "регулярного выражения из всех форм."
    echo
    cat "$work/startup.md"
    echo
    echo "## Пиковая память (GNU time, max RSS)"
    echo
    echo "| команда | память |"
    echo "|---|---|"
    echo "| anglint, дерево ($((bytes / 1000000)) МБ) | $((memory_tree / 1024)) МБ |"
    echo "| anglint, один файл ($((one_bytes / 1000000)) МБ; цель — меньше 3 × размер + 50 МБ = $((3 * one_bytes / 1000000 + 50)) МБ) | $((memory_one / 1024)) МБ |"
    echo "| anglint, один маленький файл | $((memory_small / 1024)) МБ |"
    echo "| ripgrep, дерево | $((memory_rg / 1024)) МБ |"
} >docs/benchmarks.md
cat docs/benchmarks.md
