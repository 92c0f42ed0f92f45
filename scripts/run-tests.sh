#!/bin/bash
# Runs the test suite: every unit test binary, then every end-to-end case.
#
#   scripts/run-tests.sh BUILD_DIR [unit|e2e] [CASE...]
#
# Unit tests run from the source root. An end-to-end case is a directory
# tests/e2e/<case>/ (see tests/e2e/README.md; CASE is its name, with or
# without the tests/e2e/ in front): it is copied into a fresh temporary work
# directory, its `setup` (if any) runs there, then BUILD_DIR/smereport runs
# there with the first line of `args` as its arguments, LC_ALL=C.UTF-8 and a
# fixed SOURCE_DATE_EPOCH; the exit code, stdout and stderr are compared with
# `exit` (0 if absent), `stdout` and `stderr`, and `check` runs last.
# SMR_WRAPPER (e.g. valgrind) wraps the program under test.
# Ends with the line "N passed, N failed".
set -u

BUILD=${1:?usage: run-tests.sh BUILD_DIR [unit|e2e] [CASE...]}
WHAT=${2:-all}
shift $(( $# >= 2 ? 2 : 1 ))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
SMR="$BUILD/smereport"
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1735689600 ROOT BUILD
unset SMR_CONFIG CI_SKIP 2>/dev/null || true

pass=0
fail=0
failed=()

ok() { pass=$((pass + 1)); [ -n "${VERBOSE:-}" ] && echo "PASS $1"; return 0; }
bad() { fail=$((fail + 1)); failed+=("$1"); echo "FAIL $1${2:+: $2}"; }

WORKROOT=$(mktemp -d "${TMPDIR:-/tmp}/smereport-test.XXXXXX")
trap 'chmod -R u+rwX "$WORKROOT" 2>/dev/null; rm -rf "$WORKROOT"' EXIT

if [ "$WHAT" = all ] || [ "$WHAT" = unit ]; then
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        name=unit/$(basename "$t")
        log="$WORKROOT/$(basename "$t").log"
        if (cd "$ROOT" && ${SMR_WRAPPER:-} "$t") >"$log" 2>&1; then
            ok "$name"
            # Surface cmocka's own summary lines for CI readers.
            grep -E '^\[  PASSED  \]' "$log" | sed "s|^|$name: |"
        else
            bad "$name"
            tail -n 40 "$log"
        fi
    done
fi

run_case() {
    local case=$1 name work args want got
    name=e2e/$(basename "$case")
    work="$WORKROOT/$(basename "$case")"
    mkdir -p "$work"
    cp -a "$case"/. "$work"/
    export SMR CASE="$case" WORK="$work"
    if [ -x "$case/setup" ]; then
        if ! (cd "$work" && ./setup) >"$work/.setup.log" 2>&1; then
            bad "$name" "setup failed"; cat "$work/.setup.log"; return
        fi
    fi
    args=""
    [ -f "$case/args" ] && args=$(head -n 1 "$case/args")
    want=0
    [ -f "$case/exit" ] && want=$(tr -d ' \n' <"$case/exit")
    # shellcheck disable=SC2086
    (cd "$work" && eval "${SMR_WRAPPER:-} \"\$SMR\" $args" </dev/null >"$work/.stdout" 2>"$work/.stderr")
    got=$?
    local why=""
    [ "$got" = "$want" ] || why="exit $got, expected $want"
    if [ -z "$why" ] && [ -f "$case/stdout" ] && ! cmp -s "$case/stdout" "$work/.stdout"; then
        why="stdout differs"; diff -u "$case/stdout" "$work/.stdout" | head -n 30
    fi
    if [ -z "$why" ] && [ -f "$case/stderr" ] && ! cmp -s "$case/stderr" "$work/.stderr"; then
        why="stderr differs"; diff -u "$case/stderr" "$work/.stderr" | head -n 30
    fi
    if [ -z "$why" ] && [ -x "$case/check" ]; then
        if ! (cd "$work" && ./check) >"$work/.check.log" 2>&1; then
            why="check failed"; tail -n 30 "$work/.check.log"
        fi
    fi
    if [ -n "$why" ]; then
        bad "$name" "$why"
        [ "$why" = "exit $got, expected $want" ] && head -n 20 "$work/.stderr"
    else
        ok "$name"
    fi
}

if [ "$WHAT" = all ] || [ "$WHAT" = e2e ]; then
    if [ $# -gt 0 ]; then
        for c in "$@"; do c=${c#tests/e2e/}; run_case "$ROOT/tests/e2e/${c%/}"; done
    else
        for c in "$ROOT"/tests/e2e/*/; do
            [ -d "$c" ] && run_case "${c%/}"
        done
    fi
fi

[ "$fail" -gt 0 ] && printf 'failed: %s\n' "${failed[@]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
