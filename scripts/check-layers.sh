#!/bin/sh
# Checks the layering rule of README's module map: the layers run
#
#   core < ingest < figures < text < render < run < main
#
# and a file never includes a header of a higher layer. A file's layer is its
# folder under src/ (src/render/xlsx is render; src/main.c is main). A header
# beside its .c has the layer of its folder; a header in include/ has the
# layer of the folder holding the .c of the same name (include/date.h →
# src/core/date.c → core), or the one given in HEADERLESS below for headers
# without a .c. A header in include/ with neither fails the check, so every
# new header gets a layer. Run by `make check`; prints each upward include as
# file:line and exits 1.
#
#   scripts/check-layers.sh [ROOT]
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT" || exit 2

# Headers in include/ that have no .c of their own.
HEADERLESS="common.h:core exitcodes.h:core strbuf.h:core version.h:core"

rank() { # layer name → number
    case $1 in
    core) echo 0 ;; ingest) echo 1 ;; figures) echo 2 ;; text) echo 3 ;;
    render) echo 4 ;; run) echo 5 ;; main) echo 6 ;; *) echo 99 ;;
    esac
}

layer_of_path() { # src/... path → layer name
    case $1 in
    src/main.c) echo main ;;
    src/*/*) p=${1#src/}; echo "${p%%/*}" ;;
    *) echo unknown ;;
    esac
}

layer_of_header() { # include/NAME.h → layer name
    name=$(basename "$1")
    for e in $HEADERLESS; do
        [ "${e%%:*}" = "$name" ] && { echo "${e#*:}"; return; }
    done
    c=$(find src -name "${name%.h}.c" | head -n 1)
    [ -n "$c" ] && { layer_of_path "$c"; return; }
    echo unknown
}

status=0
for f in $(find src include -name '*.[ch]' | sort); do
    case $f in
    include/*) fl=$(layer_of_header "$f") ;;
    *) fl=$(layer_of_path "$f") ;;
    esac
    if [ "$fl" = unknown ]; then
        echo "$f: no layer: give it a .c of the same name or an entry in HEADERLESS ($0)"
        status=1
        continue
    fi
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
        sed 's/^\([0-9]*\):.*"\(.*\)".*/\1 \2/' |
        {
        bad=0
        while read -r line inc; do
            if [ -f "$(dirname "$f")/$inc" ] && [ "${f#include/}" = "$f" ]; then
                il=$(layer_of_path "$(dirname "$f")/$inc")
            elif [ -f "include/$inc" ]; then
                il=$(layer_of_header "include/$inc")
            else
                continue # a private header of a test or a system-like include
            fi
            if [ "$(rank "$il")" -gt "$(rank "$fl")" ]; then
                echo "$f:$line: includes $inc, of layer $il above $fl: a lower layer never includes a higher one"
                bad=1
            fi
        done
        exit $bad
        } || status=1
done
[ $status = 0 ] && echo "layers: no upward include (core < ingest < figures < text < render < run < main)"
exit $status
