#!/bin/sh
# Installs the Debian packages smereport needs to build, run and test, and only
# those that are missing. As root it runs apt-get; otherwise it prints the one
# command to run. Then it installs the independent HWPX reader the tests use
# (the npm package @ssabrojs/hwpxjs, pinned) into build/node_modules — never
# globally; Debian's nodejs and npm are added to the packages when there is
# no npm. Called by `make run` and `make test`; safe to run again.
set -eu

PKGS="build-essential pkg-config
libhpdf-dev libxlsxwriter-dev zlib1g-dev libcsv-dev libiniparser-dev libssl-dev
libcmocka-dev fonts-nanum fonts-unfonts-core libharfbuzz-dev libdeflate-dev
poppler-utils qpdf python3 python3-openpyxl valgrind gdb util-linux time
libreoffice-calc-nogui python3-uno
clang libclang-rt-14-dev libminizip-dev"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
HWPXJS="@ssabrojs/hwpxjs@0.2.0"
NODE_DIR="$(cd "$(dirname "$0")/.." && pwd)/build"

# The HWPX reader for tests/e2e/hwpx_sample (tests/tools/hwpx_text_compare.py).
install_hwpxjs() {
    [ -x "$NODE_DIR/node_modules/.bin/hwpxjs" ] && return 0
    echo "smereport setup: installing $HWPXJS into $NODE_DIR/node_modules"
    mkdir -p "$NODE_DIR"
    npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error "$HWPXJS" >/dev/null
}

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    install_hwpxjs
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "smereport setup: missing Debian packages:$missing" >&2
    echo "smereport setup: run as root:  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi

echo "smereport setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
install_hwpxjs
