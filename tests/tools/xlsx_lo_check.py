#!/usr/bin/python3
"""xlsx_lo_check.py — opens a smereport workbook in LibreOffice (headless,
through Python-UNO) and checks what a reader of the real client gets.

    xlsx_lo_check.py [--keep DIR] WORKBOOK.xlsx

  - every formula: the value cached in the file (what LibreOffice shows
    before recalculating) equals the value after calculateAll(), to 1e-9
    relative (sums of amounts in 천원/백만원/억원 are sums of decimals;
    in 원 they are exact integers);
  - the workbook printed to PDF: each page's header names its sheet (so
    no blank page), no "###" anywhere (a number too wide for its column), every chart
    category label (from the chart's cache) at least twice in the text of its
    sheet's pages (once in the table the chart draws, once in the chart), and the text
    height on every sheet at least 60 % of the same font printed at 100 %
    (a calibration sheet printed by the same LibreOffice).

Needs python3-uno and libreoffice-calc-nogui (Debian's /usr/bin/python3) and
poppler-utils. LibreOffice runs with a private profile in a temporary
directory and is killed on exit; every wait has a time limit.
Exits 0 when everything holds, else prints each failure and exits 1.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.sheet.CellFlags import FORMULA

MIN_SCALE = 0.60
START_TIMEOUT = 60
failures = []


def fail(msg):
    failures.append(msg)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(tmp):
    pipe = "smr_lo_%d" % os.getpid()
    profile = "file://" + os.path.join(tmp, "profile")
    proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                             "--nodefault", "-env:UserInstallation=" + profile,
                             "--accept=pipe,name=%s;urp;" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # its own group: soffice starts soffice.bin
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + START_TIMEOUT
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                stop_office(proc)
                sys.exit("xlsx_lo_check: LibreOffice did not start")
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop, ctx


def stop_office(proc):
    """Ends LibreOffice (soffice and soffice.bin, its process group)."""
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def load(desktop, path):
    return desktop.loadComponentFromURL("file://" + os.path.abspath(path), "_blank", 0,
                                        (prop("Hidden", True), prop("ReadOnly", True)))


def formula_values(doc):
    """{(sheet, cell name): value} of every formula cell."""
    out = {}
    sheets = doc.Sheets
    for i in range(sheets.Count):
        sh = sheets.getByIndex(i)
        ranges = sh.queryContentCells(FORMULA)
        for addr in ranges.RangeAddresses:
            for r in range(addr.StartRow, addr.EndRow + 1):
                for c in range(addr.StartColumn, addr.EndColumn + 1):
                    cell = sh.getCellByPosition(c, r)
                    if cell.Formula.startswith("="):
                        out[(sh.Name, cell.AbsoluteName)] = (cell.Formula, cell.Value, cell.String)
    return out


def check_formulas(doc):
    before = formula_values(doc)
    doc.calculateAll()
    after = formula_values(doc)
    if not before:
        fail("no formulas found")
    for key, (f, v, s) in before.items():
        f2, v2, s2 = after[key]
        if abs(v - v2) > 1e-9 * max(1.0, abs(v2)) or (s2.startswith("#") and s2 != s):
            fail("%s %s %s: cached %r (%s), recalculated %r (%s)" % (key[0], key[1], f, v, s, v2, s2))
    return len(before)


def to_pdf(doc, path):
    doc.storeToURL("file://" + path, (prop("FilterName", "calc_pdf_Export"),))


def pdf_pages(pdf):
    """Text of each page (pdftotext -layout)."""
    txt = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    return txt.split("\f")[:-1] if txt.endswith("\f") else txt.split("\f")


def word_heights(pdf):
    """Per page: heights of the words (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, timeout=120,
                          check=True).stdout
    pages = []
    for page in re.split(r"<page ", html)[1:]:
        hs = [float(m.group(2)) - float(m.group(1))
              for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)]
        pages.append(hs)
    return pages


def chart_labels(xlsx):
    """{sheet name: [category labels of each chart on it]} from the charts' caches."""
    z = zipfile.ZipFile(xlsx)
    names = z.namelist()
    wbxml = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    target.update({a: b for b, a in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wbxml):
        sheet = "xl/" + target[rid]
        srel = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if srel not in names:
            continue
        for d in re.findall(r'Target="\.\./drawings/([^"]+)"', z.read(srel).decode()):
            drel = "xl/drawings/_rels/" + d + ".rels"
            if drel not in names:
                continue
            for ch in re.findall(r'Target="\.\./charts/([^"]+)"', z.read(drel).decode()):
                xml = z.read("xl/charts/" + ch).decode()
                for cat in re.findall(r"<c:cat>(.*?)</c:cat>", xml, re.S):
                    labels = re.findall(r"<c:v>(.*?)</c:v>", cat)
                    labels = [l.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") for l in labels]
                    if "<c:strCache>" not in cat:
                        fail("%s: chart %s has no string cache for its categories" % (name, ch))
                    out.setdefault(name, []).append(labels)
    return out


def norm(s):
    return re.sub(r"\s+", "", s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workbook")
    ap.add_argument("--keep", help="copy the PDFs here")
    args = ap.parse_args()
    # A time limit (timeout(1)) ends this with SIGTERM: still stop LibreOffice.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("xlsx_lo_check: terminated"))
    tmp = tempfile.mkdtemp(prefix="smr-lo-")
    proc = None
    try:
        proc, desktop, ctx = start_office(tmp)
        doc = load(desktop, args.workbook)
        if doc is None:
            sys.exit("xlsx_lo_check: LibreOffice could not open %s" % args.workbook)
        sheet_names = list(doc.Sheets.ElementNames)
        labels = chart_labels(args.workbook)
        n = check_formulas(doc)
        pdf = os.path.join(tmp, "workbook.pdf")
        to_pdf(doc, pdf)
        doc.close(True)

        # Calibration: the same font at 100 % by the same LibreOffice.
        cal = os.path.join(tmp, "calibration.xlsx")
        import openpyxl
        from openpyxl.styles import Font
        wb = openpyxl.Workbook()
        ws = wb.active
        for r in range(1, 41):
            for c in range(1, 6):
                ws.cell(r, c, "가나다 %d" % (r * 10 + c)).font = Font(name="맑은 고딕", size=11)
        ws.page_setup.scale = 100
        wb.save(cal)
        cdoc = load(desktop, cal)
        cpdf = os.path.join(tmp, "calibration.pdf")
        to_pdf(cdoc, cpdf)
        cdoc.close(True)
        h100 = statistics.median(h for page in word_heights(cpdf) for h in page)

        pages = pdf_pages(pdf)
        heights = word_heights(pdf)
        by_sheet = {}
        for k, text in enumerate(pages):
            lines = [l for l in text.splitlines() if l.strip()]
            if not lines:
                fail("page %d: blank (no header, no footer, no cell: LibreOffice counted a page it had "
                     "nothing to print on)" % (k + 1))
                continue
            head = lines[0].split()[0]
            name = next((s for s in sheet_names if head == s), None)
            if name is None:
                fail("page %d: header does not name a sheet (%r)" % (k + 1, lines[0] if lines else ""))
                continue
            by_sheet.setdefault(name, []).append(k)
        for name in sheet_names:
            ks = by_sheet.get(name, [])
            if not ks:
                fail("%s: no printed page" % name)
                continue
            text = "\n".join(pages[k] for k in ks)
            if "###" in text:
                fail("%s: ### in the printed text (a column too narrow)" % name)
            hs = [h for k in ks for h in heights[k]]
            med = statistics.median(hs)
            scale = med / h100
            print("%s: %d pages, text at about %.0f %%" % (name, len(ks), 100 * scale))
            if scale < MIN_SCALE:
                fail("%s: text printed at about %.0f %% (< %.0f %%)" % (name, 100 * scale, 100 * MIN_SCALE))
            # Each label is in its table and drawn by the chart: at least twice.
            flat = norm(text)
            for chart in labels.get(name, []):
                for label in chart:
                    if flat.count(norm(label)) < 2:
                        fail("%s: chart category %r printed %d times (table and chart: 2 or more)"
                             % (name, label, flat.count(norm(label))))
        print("formulas: %d compared; charts: %s" % (n, {k: len(v) for k, v in labels.items()}))
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            shutil.copy(pdf, args.keep)
            shutil.copy(cpdf, args.keep)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        if proc:
            stop_office(proc)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("xlsx_lo_check: " + f, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
