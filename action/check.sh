#!/usr/bin/env bash
# Step "check" of action.yml: runs anglint on the pull request's changed texts (or on the given
# paths) with GitHub annotations, writes the Russian summary table (action/summary.py, from the
# JSON report) to $GITHUB_STEP_SUMMARY and, when asked, a SARIF report. Exits with anglint's code:
# 0 — no findings (at the --fail-on level), 1 — findings, 2 — an error.
#
# Environment: ANGLINT (the executable), INPUT_PATHS, INPUT_CONFIG, INPUT_FAIL_ON,
# INPUT_SARIF_FILE, EVENT_NAME, BASE_SHA, HEAD_SHA, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
# GITHUB_ACTION_PATH, RUNNER_TEMP.
set -euo pipefail

anglint="${ANGLINT:-anglint}"
summary_file="${GITHUB_STEP_SUMMARY:-/dev/null}"
output_file="${GITHUB_OUTPUT:-/dev/null}"
python="$(command -v python3 || command -v python)"
summary_py="$GITHUB_ACTION_PATH/action/summary.py"

fail() {
    echo "::error title=anglint::$1"
    printf '## anglint: ошибка\n\n%s\n' "$1" >>"$summary_file"
    echo "exit-code=2" >>"$output_file"
    exit 2
}

args=(check)
[ -z "${INPUT_CONFIG:-}" ] || args+=(--config "$INPUT_CONFIG")
case "${INPUT_FAIL_ON:-}" in
    "") ;;
    info | warning | error) args+=(--fail-on "$INPUT_FAIL_ON") ;;
    *) fail "fail-on: «$INPUT_FAIL_ON» — нужно info, warning или error" ;;
esac

# What to check: the given paths, or the pull request's changed texts, or the whole repository.
files=()
scope=""
if [ -n "${INPUT_PATHS:-}" ]; then
    read -r -d '' -a files <<<"$INPUT_PATHS" || true
    scope="paths"
elif [ "${EVENT_NAME:-}" = pull_request ] || [ "${EVENT_NAME:-}" = pull_request_target ]; then
    [ -n "${BASE_SHA:-}" ] && [ -n "${HEAD_SHA:-}" ] ||
        fail "в событии pull request нет base.sha и head.sha"
    # actions/checkout fetches one commit by default: fetch the two ends, then the history until
    # they have a merge base.
    for sha in "$BASE_SHA" "$HEAD_SHA"; do
        git cat-file -e "$sha^{commit}" 2>/dev/null ||
            git fetch --quiet --no-tags --depth=1 origin "$sha" ||
            fail "не удалось получить коммит $sha из origin"
    done
    if ! git merge-base "$BASE_SHA" "$HEAD_SHA" >/dev/null 2>&1 &&
        [ "$(git rev-parse --is-shallow-repository)" = true ]; then
        git fetch --quiet --no-tags --unshallow origin "$BASE_SHA" "$HEAD_SHA" ||
            fail "не удалось получить историю пулл-реквеста из origin"
    fi
    listing="$(mktemp)"
    git diff -z --name-only --diff-filter=ACMR "$BASE_SHA...$HEAD_SHA" >"$listing" ||
        fail "git diff $BASE_SHA...$HEAD_SHA не удался (нужна общая история; actions/checkout с fetch-depth: 0)"
    while IFS= read -r -d '' name; do
        case "${name,,}" in
            *.md | *.markdown | *.mdx | *.txt) files+=("$name") ;;
        esac
    done <"$listing"
    rm -f "$listing"
    scope="pull-request"
    if [ ${#files[@]} -eq 0 ]; then
        printf '## anglint: нечего проверять\n\nВ пулл-реквесте нет измененных файлов .md, .markdown, .mdx и .txt.\n' >>"$summary_file"
        printf 'findings=0\nexit-code=0\n' >>"$output_file"
        echo "anglint: в пулл-реквесте нет измененных файлов .md, .markdown, .mdx и .txt"
        exit 0
    fi
else
    files=(.)
    scope="all"
fi

echo "anglint ${args[*]} — файлов и каталогов: ${#files[@]}"
# Annotations (the runner turns these lines of the log into comments on the diff).
code=0
"$anglint" "${args[@]}" --format github -- "${files[@]}" || code=$?

# The same run as JSON for the summary, and as SARIF when asked.
json="$(mktemp)"
"$anglint" "${args[@]}" --format json -- "${files[@]}" >"$json" || true
if [ -n "${INPUT_SARIF_FILE:-}" ]; then
    mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
    "$anglint" "${args[@]}" --format sarif -- "${files[@]}" >"$INPUT_SARIF_FILE" || true
fi

"$python" "$summary_py" --exit-code "$code" --scope "$scope" --outputs "$output_file" \
    "$json" >>"$summary_file" || code=2
rm -f "$json"
echo "exit-code=$code" >>"$output_file"
exit "$code"
