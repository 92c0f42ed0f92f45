#!/bin/sh
# Checks that a third-party library's headers are included only by the
# files that wrap it (README: each third-party library is wrapped by one
# module). A rule names a header (an extended regex of what follows
# "#include <") and the files that may include it. libharu: hpdf_private.c
# (with its header) is the one file that reaches into libharu's internals,
# hpdf_public.h gives the other PDF modules its public API only. Run by
# `make check`; prints each stray include as file:line and exits 1.
#
#   scripts/check-wrappers.sh [ROOT]
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT" || exit 2

# header regex | allowed files (space-separated)
RULES='hpdf[_a-z]*\.h|src/render/pdf/hpdf_private.c src/render/pdf/hpdf_private.h src/render/pdf/hpdf_public.h'

status=0
while IFS='|' read -r pat allowed; do
    stray=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<$pat>" src include tests fuzz bench 2>/dev/null |
        awk -F: -v ok=" $allowed " 'index(ok, " " $1 " ") == 0 { sub(/^[ \t]*/, "", $3); print $1 ":" $2 ": " $3 }')
    if [ -n "$stray" ]; then
        echo "$stray" | sed "s|\$| (only $allowed may)|"
        status=1
    fi
done <<EOT
$RULES
EOT
[ $status = 0 ] && echo "wrappers: libharu's headers included only by hpdf_private.c and hpdf_public.h"
exit $status
