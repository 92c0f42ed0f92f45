# Shared helpers for the operational end-to-end cases (sourced by their
# setup/check scripts). The harness provides SMR, ROOT, CASE and WORK.

# snapshot DIR: one line per file below DIR, "sha256  relative/path", sorted.
snapshot() {
    (cd "$1" && find . -type f ! -name .lock -print0 | sort -z | xargs -0 -r sha256sum)
}

# verify_manifest RUN_DIR: every output listed in manifest.json exists with its
# size and SHA-256, and every file in the directory is listed (or is the manifest).
verify_manifest() {
    /usr/bin/python3 - "$1" <<'PY'
import hashlib, json, os, sys
run = sys.argv[1]
m = json.load(open(os.path.join(run, "manifest.json"), encoding="utf-8"))
listed = set()
for o in m["outputs"]:
    p = os.path.join(run, o["name"])
    data = open(p, "rb").read()
    assert len(data) == o["bytes"], (p, len(data), o["bytes"])
    assert hashlib.sha256(data).hexdigest() == o["sha256"], p
    listed.add(o["name"])
present = set(os.listdir(run)) - {"manifest.json"}
assert present == listed, ("unlisted or missing files", present ^ listed)
for i in m["inputs"]:
    assert i["sha256"] and len(i["sha256"]) == 64, i
print("manifest ok:", len(listed), "files")
PY
}

# no_staging OUT: no staging directory or temporary link is left in OUT, nor
# in OUT/runs (where runs stage and make the new `latest` link).
no_staging() {
    if ls -A "$1" | grep -E '^\.(staging|latest)-' >/dev/null; then
        echo "left behind in $1:"; ls -A "$1"; return 1
    fi
    if [ -d "$1/runs" ] && ls -A "$1/runs" | grep -E '^\.(staging|latest)-' >/dev/null; then
        echo "left behind in $1/runs:"; ls -A "$1/runs"; return 1
    fi
}

# kill_at FUNCTION ARGS...: runs smereport under gdb and SIGKILLs it when it
# reaches FUNCTION, as a crash or an administrator's kill -9 would.
kill_at() {
    local fn=$1; shift
    gdb -q -batch -ex "set breakpoint pending on" -ex "break $fn" -ex run -ex "signal SIGKILL" \
        --args "$SMR" "$@" >/dev/null 2>&1
}
