#!/usr/bin/python3
"""pdf_check.py — reads every 보도자료 PDF of a run back with poppler and qpdf
and checks it against figures computed here from the input CSVs (through
tests/tools/figures.py, which shares no code with src/).

    pdf_check.py RUN_DIR --input DIR [--prefix release-] [--embargo TEXT]
                 [--distributed TEXT] [--contact TEXT]... [--expect ID=TEXT]...

For each project ID in projects.csv, RUN_DIR/<prefix><ID>.pdf must exist and
its text (whitespace removed, so line breaks do not matter) must contain:
"<firms>개 사", every instrument the project used, the amount of each of
those instruments in the table unit (백만원, rounded half up, grouped), the
project's total amount in words (약 N억 원 or exact 억/만 form), the 보도시점
and 배포 texts and each --contact text. The overview must name every
instrument. Every PDF must pass `qpdf --check`, and pdffonts must show every
font embedded with a Unicode map, and pdftotext must read it without a
warning. Exits 1 listing every failure."""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures  # noqa: E402


def nospace(s):
    return "".join(s.split())


def grouped(n):
    return f"{n:,}"


def in_million(won):
    return (won + 500000) // 1000000


def money_words(won):
    """The forms of korean.h: kfmt_money_approx and kfmt_money."""
    forms = []
    if won >= 100000000:
        eok = (won + 50000000) // 100000000
        forms.append(f"약 {grouped(eok)}억 원")
    else:
        man = (won + 5000) // 10000
        forms.append(f"약 {grouped(man)}만 원")
    eok, rest = divmod(won // 10000, 10000)
    if eok and rest:
        forms.append(f"{grouped(eok)}억 {rest}만 원")
    elif eok:
        forms.append(f"{grouped(eok)}억 원")
    return [nospace(f) for f in forms]


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"pdftotext failed on {path}: {r.stderr}")
    return r.stdout


def check_pdf_file(path, fail):
    r = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{path}: qpdf --check exit {r.returncode}: {r.stdout[-300:]}{r.stderr[-300:]}")
    r = subprocess.run(["pdffonts", path], capture_output=True, text=True)
    lines = r.stdout.splitlines()[2:]
    if not lines:
        fail(f"{path}: pdffonts lists no font")
    for line in lines:
        cols = line.split()
        # name type... encoding emb sub uni object ID: emb/sub/uni are the 5th-3rd from the end
        emb, uni = cols[-5], cols[-3]
        if emb != "yes" or uni != "yes":
            fail(f"{path}: font not embedded with a Unicode map: {line}")
    # The pages share one resource dictionary (hpdfx_share_resources): each
    # page dictionary names the same indirect object. A page with resources
    # of its own means the sharing stopped, e.g. because the layout began to
    # use images. The page dictionaries sit in an object stream (PDF 1.5,
    # pdf_objstm.c), so they are read through qpdf's JSON.
    r = subprocess.run(["qpdf", "--json", path], capture_output=True, text=True)
    objs = json.loads(r.stdout)["qpdf"][1] if r.returncode == 0 else {}
    pages = [v for v in (o.get("value", o) if isinstance(o, dict) else o for o in objs.values())
             if isinstance(v, dict) and v.get("/Type") == "/Page"]
    refs = {p.get("/Resources") if isinstance(p.get("/Resources"), str) else None for p in pages}
    if not pages:
        fail(f"{path}: qpdf --json shows no page")
    elif len(pages) > 1 and (len(refs) != 1 or None in refs):
        fail(f"{path}: its {len(pages)} pages do not share one resource dictionary")
    # Written as PDF 1.5 with the small objects in an object stream and a
    # cross-reference stream (pdf_objstm.c), not libharu's PDF 1.3 table.
    with open(path, "rb") as fh:
        raw = fh.read()
    if not raw.startswith(b"%PDF-1.5\n") or b"/Type /ObjStm" not in raw or b"/Type /XRef" not in raw \
            or re.search(rb"\bxref\s+0 ", raw) or b"/Type /Page" in raw:
        fail(f"{path}: not PDF 1.5 with an object stream and a cross-reference stream")
    # poppler reads every stream, font and CMap cleanly (it once warned about
    # libharu's ToUnicode maps: "Invalid 'begincidrange' operator").
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "/dev/null"], capture_output=True,
                       text=True)
    if r.returncode != 0 or "Error" in r.stderr or "Warning" in r.stderr:
        fail(f"{path}: pdftotext complains: {r.stderr.strip()[:300]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir")
    ap.add_argument("--input", required=True)
    ap.add_argument("--prefix", default="release-")
    ap.add_argument("--embargo", default="배포 즉시")
    ap.add_argument("--distributed", default="2025. 1. 1.(수)")
    ap.add_argument("--contact", action="append", default=[])
    ap.add_argument("--expect", action="append", default=[], help="ID=TEXT that release ID must contain")
    args = ap.parse_args()

    failures = []
    fail = failures.append

    fig = figures.compute(args.input)
    # Per project and instrument: amounts from the allocation rows, like figures.py.
    per = {}
    ptab = figures.read_table(os.path.join(args.input, "projects.csv"), "projects")
    atab = figures.read_table(os.path.join(args.input, "allocations.csv"), "allocations")
    for a in atab:
        if a.get("status", "") == "취소":
            continue
        amt = figures.amount(a["amount_krw"], a["amount_krw@scale"])
        d = per.setdefault(a["project_id"].strip(), {})
        name = a["instrument"].strip()
        d[name] = d.get(name, 0) + amt
    ids = [p["project_id"] for p in ptab]
    # A run over the whole programme (its directory ends in "-all"): the
    # executed amount is already the cumulative one, so it is stated once.
    whole = os.path.realpath(args.run_dir).endswith("-all")
    for pid in ids:
        path = os.path.join(args.run_dir, f"{args.prefix}{pid}.pdf")
        if not os.path.exists(path):
            fail(f"{path}: missing")
            continue
        check_pdf_file(path, fail)
        text = nospace(pdf_text(path))
        pf = fig["projects"].get(pid)
        if pf:
            if nospace(f"{pf['firms']}개 사") not in text:
                fail(f"{path}: does not state {pf['firms']}개 사")
            if not any(w in text for w in money_words(pf["amount"])):
                fail(f"{path}: does not state the amount {money_words(pf['amount'])}")
            for name, amt in sorted(per.get(pid, {}).items()):
                if nospace(name) not in text:
                    fail(f"{path}: instrument {name} missing")
                if grouped(in_million(amt)) not in text:
                    fail(f"{path}: amount of {name} ({grouped(in_million(amt))} 백만원) missing")
        if whole and text.count(nospace("집행이 완료된 금액은")) > 1:
            fail(f"{path}: the executed amount stated twice in a whole-programme release")
        for t in [args.embargo, args.distributed] + args.contact:
            if nospace(t) not in text:
                fail(f"{path}: {t!r} missing")
        for e in args.expect:
            eid, want = e.split("=", 1)
            if eid == pid and nospace(want) not in text:
                fail(f"{path}: expected {want!r}")
    ov = os.path.join(args.run_dir, f"{args.prefix}overview.pdf")
    if not os.path.exists(ov):
        fail(f"{ov}: missing")
    else:
        check_pdf_file(ov, fail)
        text = nospace(pdf_text(ov))
        for name in fig["instruments"]:
            if nospace(name) not in text:
                fail(f"{ov}: instrument {name} missing")
    for f in failures:
        print("pdf_check:", f)
    print(f"pdf_check: {len(ids) + 1} releases, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
