#!/usr/bin/python3
"""Compares each release's HWPX with its PDF, line by line, through readers
that share no code with smereport.

    hwpx_text_compare.py RUN_DIR HWPXJS [--min 0.95] [--show N]

For every release-*.pdf in RUN_DIR with a .hwpx beside it:
  - the PDF's lines come from pdftotext (poppler);
  - the HWPX's text comes from the npm package @ssabrojs/hwpxjs
    (`hwpxjs txt`: the paragraphs; it skips everything inside tables) plus the
    cells of every table read by hwpx_check.py (zipfile + xml.etree), since
    hwpxjs cannot see them;
  - a PDF line is present when, whitespace collapsed, it occurs in the HWPX
    text (paragraphs and table rows in document order, joined by spaces, so
    that a PDF line holding two short centred lines still matches).
The page numbers ("- 3 -") are left out: in the HWPX they are a page-number
control, which no text reader prints.

Prints per release the share of PDF lines present (all, and by hwpxjs alone)
and the lines that are not; fails if any release is under --min, if hwpxjs
printed nothing, or if the text appears out of order (a PDF line found only
before the position of the line before it, counted; more than 5 % fails).
"""
import argparse
import glob
import html
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hwpx_check  # noqa: E402

PAGE_NO = re.compile(r"^-\s*\d+\s*-$")
LONG = 20  # characters: a line this long (no table cell is) is unambiguous enough to check its order
SQUEEZE = re.compile(r"[\s\-.]+")


def norm(s):
    return " ".join(html.unescape(s).split())


def pdf_lines(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True).stdout
    lines = [norm(x) for x in out.decode("utf-8").splitlines()]
    return [x for x in lines if x and not PAGE_NO.match(x)]


def hwpxjs_text(hwpxjs, path):
    out = subprocess.run([hwpxjs, "txt", path], check=True, capture_output=True).stdout.decode("utf-8")
    return [norm(x) for x in out.splitlines() if norm(x)]


def squeeze(s):
    """Without spaces, dashes and dots: pdftotext joins two centred lines such
    as "- A -" / "- B -" into "- A - B -", and hwpxjs drops 한글's 묶음 빈칸
    (the spaces inside a figure: "약 22억 원" comes back "약22억원") and reads
    the pieces of a date between them as numbers ("2026. 9. 30." comes back
    "2026.930.")."""
    return SQUEEZE.sub("", s)


def compare(pdf, hwpx, hwpxjs, show):
    lines = pdf_lines(pdf)
    paras = hwpxjs_text(hwpxjs, hwpx)
    rows = [" ".join(c for c in r if c) for r in hwpx_check.tables(hwpx)]
    # hwpxjs gives the paragraphs in order but no table; the table rows come
    # from hwpx_check.py. Order is checked within each, for lines long enough
    # to be unambiguous (a cell "20" occurs everywhere).
    streams = [" ".join(paras), " ".join(rows)]
    squeezed = [squeeze(x) for x in streams]
    present = by_hwpxjs = disorder = loose = 0
    pos = [0, 0]
    missing = []
    for ln in lines:
        where = None
        if len(ln) >= LONG:  # in order first; only long lines move the positions
            for k, st in enumerate(streams):
                at = st.find(ln, pos[k])
                if at >= 0:
                    where = k
                    pos[k] = at
                    break
        if where is None:
            for k, st in enumerate(streams):
                if ln in st:
                    where = k
                    disorder += len(ln) >= LONG
                    break
        if where is None:
            sq = squeeze(ln)
            for k, st in enumerate(squeezed):
                if sq and sq in st:
                    where = k
                    loose += 1
                    break
        if where is None:
            missing.append(ln)
            continue
        present += 1
        by_hwpxjs += where == 0
    n = len(lines)
    share = present / n if n else 0.0
    print("%s: %d of %d PDF lines present (%.1f %%; %d in hwpxjs's text, %d in tables; %d only without "
          "spaces, dashes and dots), %d long lines out of order"
          % (os.path.basename(hwpx), present, n, 100 * share, by_hwpxjs, present - by_hwpxjs, loose, disorder))
    for ln in missing[:show]:
        print("    not in the HWPX: %s" % ln)
    if len(missing) > show:
        print("    ... and %d more" % (len(missing) - show))
    return share, n, bool(paras), disorder


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("hwpxjs")
    ap.add_argument("--min", type=float, default=0.95)
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    bad = False
    pdfs = sorted(glob.glob(os.path.join(a.run, "release-*.pdf")))
    if not pdfs:
        print("no releases in %s" % a.run)
        return 1
    for pdf in pdfs:
        hwpx = pdf[:-4] + ".hwpx"
        if not os.path.exists(hwpx):
            print("%s: no HWPX beside it" % pdf)
            bad = True
            continue
        share, n, read, disorder = compare(pdf, hwpx, a.hwpxjs, a.show)
        if share < a.min or not read or disorder > 0.05 * n:
            print("    FAIL: under %.0f %%, unread by hwpxjs, or out of order" % (100 * a.min))
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
