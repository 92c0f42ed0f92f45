#!/bin/bash
# bench/run.sh — throughput and memory benchmark of smereport (`make bench`).
#
#   bench/run.sh BUILD_DIR [STAGE...]
#
# Generates the data sets once with BUILD_DIR/tools/gen and caches them under
# BUILD_DIR/bench/ (a set is reused when its `.done` stamp matches the gen
# command), then runs each stage under GNU time (`/usr/bin/time -f '%e %M'`)
# and prints one table row per measurement: input size, wall time, MB/s of
# input and peak RSS. Each stage is one function named stage_<name> that calls
# `measure LABEL DATASET_DIR -- COMMAND...`; to add a stage (XLSX, PDF, ...)
# write a function and add its name to STAGES. Without STAGE arguments every
# stage in STAGES runs. BENCH_10M=1 adds the 10,000,000-row set (about 1.1 GB:
# validate and the whole job; `make bench-10m` runs only those). BENCH_100K=1
# adds the whole job on 100,000 projects (`make bench-100k` runs only that: it
# writes ~200,000 files, GBs, into a scratch dir under TMPDIR, removed after).
# CPU s is user + system time of the process and its workers (GNU time %U +
# %S): on a shared machine the wall time says little. The lines "machine
# before/after" (BUILD_DIR/tools/probe) say how fast the machine ran.
set -euo pipefail

BUILD=${1:?usage: bench/run.sh BUILD_DIR [STAGE...]}
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
SMR="$BUILD/smereport"
GEN="$BUILD/tools/gen"
PROBE="$BUILD/tools/probe"
DATA="$BUILD/bench"
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1735689600
TIME=/usr/bin/time

# run_5k first: on an ext4 without a journal (the development machine's) an
# inode deleted in the last minutes is skipped, one by one, when a new one is
# allocated in its group, so the ~55 files a run creates cost several ms more
# right after the other stages have removed their scratch directories (and
# after a test suite). A 70 ms job would measure that, not itself.
STAGES=(run_5k validate_1m summary_1m validate_1m_cp949 summary_1m_json run_xlsx_1m run_pdf_sample run_1m run_10k_projects)
[ -n "${BENCH_10M:-}" ] && STAGES+=(validate_10m run_10m)
[ -n "${BENCH_100K:-}" ] && STAGES+=(run_100k_projects)

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$SMR" ] || die "$SMR not built (run make)"
[ -x "$GEN" ] || die "$GEN not built (run make)"
[ -x "$PROBE" ] || die "$PROBE not built (run make)"
[ -x "$TIME" ] || die "$TIME missing: install the Debian package 'time' (scripts/setup.sh)"
mkdir -p "$DATA" # also for a stage run alone that writes only a config there

# dataset NAME GEN-ARGS... : makes $DATA/NAME once; prints nothing.
dataset() {
    local name=$1 dir="$DATA/$1"
    shift
    local stamp="seed=1 $*"
    if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$stamp" ]; then
        return 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "bench: generating $name ($*)" >&2
    "$GEN" --seed 1 --out "$dir" "$@"
    echo "$stamp" >"$dir/.done"
}

set_1m() { dataset 1m --projects 21 --firms 20000 --allocations 1000000; }
set_1m_cp949() { dataset 1m-cp949 --projects 21 --firms 20000 --allocations 1000000 --encoding cp949 --headers ko --unit thousand --crlf; }
set_10m() { dataset 10m --projects 21 --firms 200000 --allocations 10000000; }
# Many projects with a few allocations each (issue 8 item 7): 10,000 releases.
set_10k_projects() { dataset 10k-projects --projects 10000 --firms 30000 --allocations 40000; }
# 100,000 projects with 4 allocations each: 100,001 releases of each format.
set_100k_projects() { dataset 100k-projects --projects 100000 --firms 100000 --allocations 400000; }

input_bytes() { cat "$1"/projects.csv "$1"/firms.csv "$1"/allocations.csv | wc -c; }

# The machine's speed before the first stage and after the last (bench/probe.c;
# bench/README.md gives its figures at full speed): on the development VM the
# same job takes up to half as long again in the host's slow minutes.
probe() { echo "machine $1: $("$PROBE")"; }
probe before

printf '%-24s %10s %9s %9s %9s %10s %6s\n' stage "input MB" "wall s" "CPU s" "MB/s" "peak RSS MB" exit
rule() { printf '%s\n' "------------------------------------------------------------------------"; }
rule

# measure_median N LABEL DIR -- COMMAND... : runs COMMAND N times in one
# scratch dir (its output directory kept from run to run, as for `make run`
# or a cron job: the first run creates it, the later ones find it; N is
# below keep_runs, so no run prunes) and prints the run of median wall time,
# with its own per-stage timings when COMMAND has -v. The files the shell
# and GNU time write for each run are made before the clock starts: on the
# development machine's ext4 without a journal creating a file in a group
# where files were just deleted (a test suite's scratch, say) costs up to
# 1 ms (README "The filesystem"), which is the shell's, not the program's.
# RSS is GNU time's %M: the largest of the process and its workers.
measure_median() {
    local n=$1 label=$2 dir=$3
    shift 4
    local i work rows=() best
    work=$(mktemp -d "${TMPDIR:-/tmp}/smr-bench.XXXXXX")
    for ((i = 0; i < n; i++)); do
        : >"$work/.time.$i"
        : >"$work/.out.$i"
        : >"$work/.err.$i"
        # wall to the 0.1 ms from the shell's clock (GNU time's %e has 10 ms)
        local t0=${EPOCHREALTIME/,/.} t1
        (cd "$work" && "$TIME" -o ".time.$i" -f '%e %U %S %M' "$@" >".out.$i" 2>".err.$i") || true
        t1=${EPOCHREALTIME/,/.}
        rows+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(tail -n 1 "$work/.time.$i" | cut -d' ' -f2-) $i")
    done
    best=$(printf '%s\n' "${rows[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p")
    read -r secs user sys kb i <<<"$best"
    awk -v l="$label (median of $n)" -v b="$(input_bytes "$dir")" -v s="$secs" -v c="$user $sys" -v k="$kb" 'BEGIN {
        mb = b / 1e6; t = (s > 0 ? s : 0.01); split(c, u, " ");
        printf "%-24s %10.1f %9.4f %9.2f %9.1f %10.1f %6d\n", l, mb, s, u[1] + u[2], mb / t, k / 1024, 0 }'
    printf '    all %d: %s s\n' "$n" "$(printf '%s\n' "${rows[@]}" | awk '{print $1}' | sort -n | tr '\n' ' ')"
    sed -n 's/^smereport: \(ingest .*\|[a-z]*: done.*\|pdf: [0-9]* documents.*\|hwpx: [0-9]* documents.*\)/    \1/p' "$work/.err.$i"
    rm -rf "$work"
}

# measure LABEL DIR -- COMMAND... : runs COMMAND in a scratch dir under GNU time.
measure() {
    local label=$1 dir=$2
    shift 3
    local work tfile rc bytes
    work=$(mktemp -d "${TMPDIR:-/tmp}/smr-bench.XXXXXX")
    tfile="$work/.time"
    set +e
    (cd "$work" && "$TIME" -o "$tfile" -f '%e %U %S %M' "$@" >"$work/.out" 2>"$work/.err")
    rc=$?
    set -e
    bytes=$(input_bytes "$dir")
    # GNU time writes "Command exited with non-zero status N" before the figures.
    read -r secs user sys kb < <(tail -n 1 "$tfile")
    awk -v l="$label" -v b="$bytes" -v s="$secs" -v c="$user $sys" -v k="$kb" -v rc="$rc" 'BEGIN {
        mb = b / 1e6; t = (s > 0 ? s : 0.01); split(c, u, " ");
        printf "%-24s %10.1f %9.2f %9.2f %9.1f %10.1f %6d\n", l, mb, s, u[1] + u[2], mb / t, k / 1024, rc }'
    if [ "$rc" -ne 0 ]; then
        sed 's/^/    /' "$work/.err" | head -n 5 >&2
    elif [ -n "${SHOW_TIMES:-}" ]; then
        # A run with -v: its own per-stage timings (ingest, each renderer).
        sed -n 's/^smereport: \(ingest .*\|[a-z]*: done.*\|pdf: [0-9]* documents.*\|hwpx: [0-9]* documents.*\)/    \1/p' "$work/.err"
    fi
    rm -rf "$work"
}

stage_validate_1m() { set_1m; measure "validate 1M" "$DATA/1m" -- "$SMR" validate -q --input "$DATA/1m"; }
stage_summary_1m() { set_1m; measure "summary 1M" "$DATA/1m" -- "$SMR" summary -q --input "$DATA/1m"; }
stage_summary_1m_json() { set_1m; measure "summary --format json 1M" "$DATA/1m" -- "$SMR" summary -q --format json --input "$DATA/1m"; }
stage_validate_1m_cp949() { set_1m_cp949; measure "validate 1M CP949/ko" "$DATA/1m-cp949" -- "$SMR" validate -q --input "$DATA/1m-cp949"; }
stage_validate_10m() { set_10m; measure "validate 10M" "$DATA/10m" -- "$SMR" validate -q --input "$DATA/10m"; }
# The XLSX renderer: a whole `run` with only the workbook enabled (goal < 9 s, < 150 MB).
stage_run_xlsx_1m() {
    set_1m
    printf '[output]\nxlsx = yes\npdf = no\njson = no\n' >"$DATA/xlsx-only.ini"
    measure "run XLSX only 1M" "$DATA/1m" -- "$SMR" run -q --config "$DATA/xlsx-only.ini" --input "$DATA/1m" --output out
}

# The PDF renderer: a whole `run` on the sample data (input/, 22 releases) with only the
# PDFs enabled (goal: at most 5 ms and 85 KB per release), then the per-release figures.
stage_run_pdf_sample() {
    local sample
    sample=$(cd "$(dirname "$0")/.." && pwd)/input
    printf '[output]\nxlsx = no\npdf = yes\njson = no\n' >"$DATA/pdf-only.ini"
    measure "run PDF only sample" "$sample" -- "$SMR" run -q --config "$DATA/pdf-only.ini" --input "$sample" --output out
    local out
    out=$(mktemp -d "${TMPDIR:-/tmp}/smr-bench-pdf.XXXXXX")
    (cd "$out" && "$TIME" -o .time -f '%e' "$SMR" run -v --config "$DATA/pdf-only.ini" --input "$sample" --output out 2>.err >/dev/null) || true
    sed -n 's/^smereport: pdf: \([0-9]* documents.*\)/    \1/p' "$out/.err"
    du -b "$out"/out/latest/*.pdf | awk '{ s += $1; n++; if ($1 > m) m = $1 }
        END { if (n) printf "    %d releases: %.1f KB per release on average, largest %.1f KB\n", n, s / n / 1024, m / 1024 }'
    rm -rf "$out"
}

# The whole job: every output (figures.json, the workbook, PDF and HWPX
# releases, index.html) with the shipped config.ini, -v for the time of each
# stage. 5k = the committed sample (input/, 5,000 allocations, 22 releases),
# median of 5 (goal ≤ 70 ms); 1M = 1,000,000 allocations (goals ≤ 6 s, peak
# RSS ≤ 140 MB), median of 3.
stage_run_5k() {
    local sample="$ROOT/input"
    measure_median 5 "run 5k (whole job)" "$sample" -- "$SMR" run -v --config "$ROOT/config.ini" --input "$sample" --output out
}
stage_run_1m() {
    set_1m
    measure_median 3 "run 1M (whole job)" "$DATA/1m" -- "$SMR" run -v --config "$ROOT/config.ini" --input "$DATA/1m" --output out
}
# 10,000,000 allocations (≈1.1 GB generated once under build/bench/10m; check
# `df -h` first): the whole job once, goal ≤ 60 s and ≤ 1 GB peak RSS. Long:
# only with BENCH_10M=1 or `make bench-10m`.
stage_run_10m() {
    set_10m
    SHOW_TIMES=1 measure "run 10M (whole job)" "$DATA/10m" -- "$SMR" run -v --config "$ROOT/config.ini" --input "$DATA/10m" --output out
}

# The whole job (every output) on 10,000 projects of 4 allocations each: 10,001
# releases. Per-project work must not grow with the number of projects.
stage_run_10k_projects() {
    set_10k_projects
    SHOW_TIMES=1 measure "run 10k projects" "$DATA/10k-projects" -- "$SMR" run -v --config "$ROOT/config.ini" --input "$DATA/10k-projects" --output out
}

# The same on 100,000 projects (100,001 releases of each format, ~200,000
# files, GBs of output in the scratch dir: check `df -h "${TMPDIR:-/tmp}"`).
# Long: only with BENCH_100K=1 or `make bench-100k`.
stage_run_100k_projects() {
    set_100k_projects
    SHOW_TIMES=1 measure "run 100k projects" "$DATA/100k-projects" -- "$SMR" run -v --config "$ROOT/config.ini" --input "$DATA/100k-projects" --output out
}

if [ $# -gt 0 ]; then
    STAGES=("$@")
fi
for s in "${STAGES[@]}"; do
    declare -F "stage_$s" >/dev/null || die "no stage '$s' (have: $(declare -F | sed -n 's/^declare -f stage_//p' | tr '\n' ' '))"
    "stage_$s"
done
rule
probe after
echo "input MB/s = bytes of the three CSVs / wall time; CPU s = user + system (GNU time %U + %S); peak RSS from GNU time %M" 
