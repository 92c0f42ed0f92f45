#!/usr/bin/python3
"""xlsx_check.py — reads a smereport workbook back with openpyxl and checks it
against the run's figures.json and, optionally, an independent computation
from the input CSVs (tests/tools/figures.py).

    xlsx_check.py --figures FIGURES.json [--input DIR] [--max-rows N]
                  [--epoch SECONDS] [--utc-offset SECONDS] WORKBOOK.xlsx

--utc-offset is the [report] timezone's offset (default 32400: Asia/Seoul,
smereport's default); the 요약 sheet's 생성 시각 is --epoch at that offset,
whatever TZ the test runs under.

What is checked:
  - the sheet names and their order (지원내역 continued on 지원내역(2)...);
  - per-project, per-instrument, per-quarter, per-firm and detail totals
    equal the figures (cached values, read with data_only=True) and, with
    --input, figures.py's own reading of the CSVs;
  - totals and rates are formulas (=SUM(...), ratios) whose cached values are
    right, and that no text column holds a formula (strings starting with
    = + - @ stay text);
  - number formats (amounts in the display unit, 0.0%, dates), identifiers
    as text, freeze panes, autofilter, print titles, A4 landscape fitted to
    one page wide, a page-number footer, the charts, document properties.
Exits 0 when everything holds, else prints every failure and exits 1.
"""
import argparse
import datetime
import json
import os
import re
import sys

import openpyxl

FIXED = ["요약", "프로젝트별", "프로젝트×정책수단", "정책수단별", "기간별", "기업별"]
TRAILING = ["검증결과", "실행정보"]

failures = []


def fail(msg):
    failures.append(msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


class Money:
    """Cell value <-> won for the workbook's display unit."""

    def __init__(self, divisor, label):
        # Summary sheets hold won / divisor (the display unit, named in the
        # header); detail rows hold whole won.
        self.divisor = divisor
        self.label = label
        self.fmt = "#,##0"
        self.cell_scale = divisor

    def won(self, v):
        if v is None:
            return None
        return round(v * self.cell_scale)

    def same(self, v, won):
        if v is None:
            return won is None
        return abs(v * self.cell_scale - won) <= max(0.5, 1e-9 * abs(won))


def header_map(ws, row):
    """Header text -> column; a money header's unit line ("지원금액\n(백만원)") is left off the key."""
    return {str(c.value).split("\n")[0]: c.column for c in ws[row] if c.value is not None}


def check_unit_headers(ws, row, money, keys, name):
    """Each money column's header names the unit its cells hold."""
    full = {str(c.value).split("\n")[0]: str(c.value) for c in ws[row] if c.value is not None}
    for k in keys:
        check(full.get(k) == "%s\n(%s)" % (k, money.label),
              f"{name}: header {full.get(k)!r}, expected the unit {money.label}")


def rows_until_total(ws, first, key_col=1):
    """Data rows from `first` to the row before the one whose key starts with 합계."""
    out = []
    r = first
    while True:
        v = ws.cell(r, key_col).value
        if v is None or (isinstance(v, str) and v.startswith("합계")):
            return out, r
        out.append(r)
        r += 1


def is_sum(f, empty=False):
    """A SUM formula; a table without rows has a plain 0 instead."""
    return (isinstance(f, str) and f.startswith("=SUM(")) or (empty and f == 0)


def check_page(ws, title_rows, name):
    ps = ws.page_setup
    check(ps.orientation == "landscape", f"{name}: not landscape")
    check(str(ps.paperSize) == "9", f"{name}: paper size {ps.paperSize}, expected 9 (A4)")
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if fit:
        check(str(ps.fitToWidth) in ("1", "None") and str(ps.fitToHeight) == "0",
              f"{name}: fit {ps.fitToWidth}x{ps.fitToHeight}, expected 1 wide")
    else:  # a set scale: in column blocks, or with page breaks between blocks
        check(ps.scale is None or int(ps.scale) >= 60, f"{name}: print scale {ps.scale} < 60")
    allowed = title_rows if isinstance(title_rows, tuple) else (title_rows,)
    check((ws.print_title_rows or "").replace("$", "") in allowed,
          f"{name}: print titles {ws.print_title_rows!r}, expected {' or '.join(map(repr, allowed))}")
    footer = ws.oddFooter.center.text or ""
    check("&P" in footer, f"{name}: no page number in the footer ({footer!r})")


def check_charts_and_font(path, wb):
    """Every chart: a bar chart, categories top to bottom (catAx maxMin), the
    value axis from zero (minMax) in #,##0, every label (tickLblSkip 1), and
    caches (strCache for the text categories, numCache for the values) equal
    to the cells they refer to. The workbook's Normal font is 맑은 고딕."""
    import zipfile
    z = zipfile.ZipFile(path)
    styles = z.read("xl/styles.xml").decode()
    m = re.search(r"<fonts[^>]*><font>.*?<name val=\"([^\"]+)\"", styles)
    check(m and m.group(1) == "맑은 고딕", f"default font {m.group(1) if m else None!r}, expected 맑은 고딕")
    charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    for n in charts:
        xml = z.read(n).decode()
        check("<c:barDir val=\"bar\"/>" in xml, f"{n}: not a horizontal bar chart")
        cat = re.search(r"<c:catAx>.*?</c:catAx>", xml, re.S)
        val = re.search(r"<c:valAx>.*?</c:valAx>", xml, re.S)
        if not check(cat and val, f"{n}: axes missing"):
            continue
        check("<c:orientation val=\"maxMin\"/>" in cat.group(0), f"{n}: categories not top to bottom")
        check("<c:tickLblSkip val=\"1\"/>" in cat.group(0), f"{n}: not every category label drawn")
        check("<c:orientation val=\"minMax\"/>" in val.group(0), f"{n}: value axis reversed")
        check("formatCode=\"#,##0\"" in val.group(0), f"{n}: value axis format")
        for tag, kind in (("c:cat", "strCache"), ("c:val", "numCache")):
            part = re.search(r"<%s>(.*?)</%s>" % (tag, tag), xml, re.S)
            if not check(part and ("<c:%s>" % kind) in part.group(1), f"{n}: no {kind} in {tag}"):
                continue
            ref = re.search(r"<c:f>'?([^'!<]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)</c:f>", part.group(1))
            if not check(ref, f"{n}: {tag} reference"):
                continue
            sheet, c1, r1, c2, r2 = ref.groups()
            cells = [c.value for row in wb[sheet][f"{c1}{r1}:{c2}{r2}"] for c in row]
            cached = [v.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                      for v in re.findall(r"<c:v>(.*?)</c:v>", part.group(1))]
            if kind == "numCache":
                ok = len(cached) == len(cells) and all(
                    isinstance(v, (int, float)) and abs(float(c) - v) <= 1e-9 * max(1, abs(v)) for c, v in zip(cached, cells))
            else:
                ok = cached == [str(v) for v in cells]
            check(ok, f"{n}: {kind} {cached[:3]}... differs from {sheet}!{c1}{r1}:{c2}{r2} {cells[:3]}...")
    return len(charts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--figures", required=True)
    ap.add_argument("--input")
    ap.add_argument("--max-rows", type=int, default=1048575)
    ap.add_argument("--epoch", type=int)
    ap.add_argument("--utc-offset", type=int, default=9 * 3600)
    ap.add_argument("workbook")
    a = ap.parse_args()

    fig = json.load(open(a.figures, encoding="utf-8"))
    money = Money(fig["unit"]["divisor"], fig["unit"]["label"])
    unit_note = "(단위: %s)" % fig["unit"]["label"]
    wb = openpyxl.load_workbook(a.workbook, data_only=True)
    wf = openpyxl.load_workbook(a.workbook)  # formulas

    # ---- sheet names ----
    names = wb.sheetnames
    ndetail = len(names) - len(FIXED) - len(TRAILING)
    want = FIXED + ["지원내역"] + ["지원내역(%d)" % k for k in range(2, ndetail + 1)] + TRAILING
    check(names == want, f"sheet names {names}, expected {want}")
    for n in names:
        check(len(n) <= 31, f"sheet name {n!r} longer than 31 characters")

    tot = fig["totals"]
    cum = fig["cumulative"]

    # ---- 프로젝트별 ----
    ws, wsf = wb["프로젝트별"], wf["프로젝트별"]
    check(unit_note in [c.value for c in ws[1]], "프로젝트별: no unit note in row 1")
    h = header_map(ws, 2)
    for k in ("프로젝트ID", "시·도", "프로젝트명", "주관기관", "단계", "평가등급", "참여기업", "지원 건수", "지원금액",
              "집행금액", "사업비", "집행률"):
        check(k in h, f"프로젝트별: no column {k}")
    rows, total = rows_until_total(ws, 3)
    byid = {p["id"]: p for p in fig["projects"]}
    check(len(rows) == len(byid), f"프로젝트별: {len(rows)} rows, {len(byid)} projects")
    check_unit_headers(ws, 2, money, ("지원금액", "집행금액", "사업비"), "프로젝트별")
    for r in rows:
        pid = ws.cell(r, h["프로젝트ID"]).value
        check(ws.cell(r, h["프로젝트ID"]).data_type == "s", f"프로젝트별 {pid}: ID is not text")
        p = byid.get(pid)
        if not check(p is not None, f"프로젝트별: unknown project {pid!r}"):
            continue
        check(ws.cell(r, h["프로젝트명"]).value == p["title"], f"프로젝트별 {pid}: title {ws.cell(r, h['프로젝트명']).value!r}")
        check(ws.cell(r, h["참여기업"]).value == p["firms"], f"프로젝트별 {pid}: firms")
        check(ws.cell(r, h["지원 건수"]).value == p["allocs"], f"프로젝트별 {pid}: allocs")
        check(money.same(ws.cell(r, h["지원금액"]).value, p["amount"]), f"프로젝트별 {pid}: amount")
        check(money.same(ws.cell(r, h["집행금액"]).value, p["executed"]), f"프로젝트별 {pid}: executed")
        check(ws.cell(r, h["지원금액"]).number_format == money.fmt,
              f"프로젝트별 {pid}: amount format {ws.cell(r, h['지원금액']).number_format!r}")
        budget = p["budget"]
        check(money.same(ws.cell(r, h["사업비"]).value, budget), f"프로젝트별 {pid}: budget")
        rate = ws.cell(r, h["집행률"]).value
        if budget:
            check(rate is not None and abs(rate - p["exec_rate"]) < 1e-9, f"프로젝트별 {pid}: rate {rate}")
            check(wsf.cell(r, h["집행률"]).value == "=%s/%s" % (
                ws.cell(r, h["집행금액"]).coordinate, ws.cell(r, h["사업비"]).coordinate),
                f"프로젝트별 {pid}: rate formula {wsf.cell(r, h['집행률']).value!r}")
            check(ws.cell(r, h["집행률"]).number_format == "0.0%", f"프로젝트별 {pid}: rate format")
        else:
            check(rate is None, f"프로젝트별 {pid}: rate without a budget")
        ph = ws.cell(r, h["단계"])
        if ph.value is not None and re.fullmatch(r"[0-9]+(\.[0-9]+)?", str(ph.value)):
            check(ph.data_type == "n" and ph.number_format == "0.0",
                  f"프로젝트별 {pid}: 단계 {ph.value!r} ({ph.data_type}, {ph.number_format}) is not a number shown as 0.0")
        for c in range(1, 7):
            check(wsf.cell(r, c).data_type != "f", f"프로젝트별 {pid}: text column {c} holds a formula")
    check(ws.cell(total, 1).value == "합계", "프로젝트별: no total row")
    for k, want_v in (("지원 건수", tot["allocs"]), ("지원금액", tot["amount"]), ("집행금액", tot["executed"])):
        f = wsf.cell(total, h[k]).value
        check(is_sum(f), f"프로젝트별: total {k} is not a SUM ({f!r})")
        v = ws.cell(total, h[k]).value
        check(v == want_v if k == "지원 건수" else money.same(v, want_v), f"프로젝트별: total {k} {v} != {want_v}")
    check(ws.freeze_panes == "B3", f"프로젝트별: freeze panes {ws.freeze_panes}")
    check(ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), f"프로젝트별: autofilter {ws.auto_filter.ref}")
    check_page(ws, "2:2", "프로젝트별")

    # ---- 프로젝트×정책수단 ----
    ws, wsf = wb["프로젝트×정책수단"], wf["프로젝트×정책수단"]
    h = header_map(ws, 2)
    inst_names = [i["name"] for i in fig["instruments"]]
    inst_cols = {n: h[n] for n in inst_names if n in h}
    check(len(inst_cols) == len(inst_names), "프로젝트×정책수단: an instrument column is missing")
    check_unit_headers(ws, 2, money, inst_names + ["합계"], "프로젝트×정책수단")
    rows, total = rows_until_total(ws, 3)
    check(len(rows) == len(byid), f"프로젝트×정책수단: {len(rows)} rows, {len(byid)} projects")
    for r in rows:
        pid = ws.cell(r, 1).value
        p = byid.get(pid)
        if not check(p is not None, f"프로젝트×정책수단: unknown project {pid!r}"):
            continue
        pi = {i["name"]: i["amount"] for i in p["instruments"]}
        for n, c in inst_cols.items():
            check(money.same(ws.cell(r, c).value, pi.get(n, 0)), f"프로젝트×정책수단 {pid} × {n}")
        check(money.same(ws.cell(r, h["합계"]).value, p["amount"]), f"프로젝트×정책수단 {pid}: row total")
        check(not inst_cols or is_sum(wsf.cell(r, h["합계"]).value), f"프로젝트×정책수단 {pid}: row total is not a SUM")
    for i in fig["instruments"]:
        c = inst_cols.get(i["name"])
        if c:
            check(is_sum(wsf.cell(total, c).value), f"프로젝트×정책수단: total of {i['name']} is not a SUM")
            check(money.same(ws.cell(total, c).value, i["amount"]), f"프로젝트×정책수단: total of {i['name']}")
    check_page(ws, "2:2", "프로젝트×정책수단")

    # ---- 정책수단별 ----
    ws, wsf = wb["정책수단별"], wf["정책수단별"]
    h = header_map(ws, 2)
    rows, total = rows_until_total(ws, 3)
    check_unit_headers(ws, 2, money, ("지원금액",), "정책수단별")
    byname = {i["name"]: i for i in fig["instruments"]}
    seen = set()
    for r in rows:
        n = ws.cell(r, 1).value
        i = byname.get(n)
        if i is None:
            check((ws.cell(r, h["지원금액"]).value or 0) == 0, f"정책수단별: {n!r} not in figures but has an amount")
            continue
        seen.add(n)
        for k, j in (("지원기관", "agencies"), ("프로젝트", "projects"), ("참여기업", "firms"), ("지원 건수", "allocs")):
            check(ws.cell(r, h[k]).value == i[j], f"정책수단별 {n}: {k} {ws.cell(r, h[k]).value} != {i[j]}")
        check(money.same(ws.cell(r, h["지원금액"]).value, i["amount"]), f"정책수단별 {n}: amount")
        if i.get("share") is not None:
            check(abs(ws.cell(r, h["비중"]).value - i["share"]) < 1e-9, f"정책수단별 {n}: share")
            check(str(wsf.cell(r, h["비중"]).value).startswith("="), f"정책수단별 {n}: share is not a formula")
    check(seen == set(n for n, i in byname.items() if i["allocs"] or i["cum"]["allocs"]),
          f"정책수단별: instruments {sorted(seen)}")
    check(is_sum(wsf.cell(total, h["지원금액"]).value, not rows), "정책수단별: total amount is not a SUM")
    check(money.same(ws.cell(total, h["지원금액"]).value, tot["amount"]), "정책수단별: total amount")
    check(ws.cell(total, h["지원 건수"]).value == tot["allocs"], "정책수단별: total allocs")
    check(len(ws._charts) >= 1 or not rows, "정책수단별: no chart")
    check(ws.freeze_panes == "B3", f"정책수단별: freeze panes {ws.freeze_panes}")
    check_page(ws, "2:2", "정책수단별")

    # ---- 기간별 ----
    ws, wsf = wb["기간별"], wf["기간별"]
    h = header_map(ws, 2)
    qs = fig.get("quarters", [])
    for q in qs:
        if not check(q["label"] in h, f"기간별: no column {q['label']}"):
            continue
    rows, total = rows_until_total(ws, 3)
    for r in rows:
        p = byid[ws.cell(r, 1).value]
        check(money.same(ws.cell(r, h["누적"]).value, p["cum"]["amount"]), f"기간별 {p['id']}: cumulative")
        check(money.same(ws.cell(r, h["해당 기간"]).value, p["amount"]), f"기간별 {p['id']}: period")
        if qs:
            check(is_sum(wsf.cell(r, h["누적"]).value), f"기간별 {p['id']}: cumulative is not a SUM")
    for q in qs:
        c = h.get(q["label"])
        if c:
            check(is_sum(wsf.cell(total, c).value), f"기간별: total {q['label']} is not a SUM")
            check(money.same(ws.cell(total, c).value, q["amount"]), f"기간별: total {q['label']}")
    check(money.same(ws.cell(total, h["누적"]).value, cum["amount"]), "기간별: cumulative total")
    check(money.same(ws.cell(total, h["해당 기간"]).value, tot["amount"]), "기간별: period total")
    check(len(ws._charts) >= 1 or not qs, "기간별: no chart")
    # The header row heads the project table only: printed atop the quarter
    # totals' pages it would head columns they do not have. It is repeated
    # when the table runs over a page (certainly at 60 projects or more), not
    # when it fits on one (certainly at 24 or fewer, at 100 %).
    titles = "2:2" if not qs or len(rows) >= 60 else "" if len(rows) <= 24 else ("", "2:2")
    if titles == "":
        # Without them, the quarter totals' own header row (분기 | 지원금액, under
        # the block title 분기별 합계) is repeated when that table runs over a
        # page: certainly with more rows than a page holds at 60 % (49), never
        # with fewer than it holds at 100 % (29).
        top = next((r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "분기별 합계"), None)
        if check(top is not None, "기간별: no 분기별 합계"):
            hdr = "%d:%d" % (top + 1, top + 1)
            titles = hdr if len(qs) + 3 > 49 else "" if len(qs) + 3 <= 29 else ("", hdr)
    check_page(ws, titles, "기간별")

    # ---- 기업별 ----
    ws, wsf = wb["기업별"], wf["기업별"]
    h = header_map(ws, 2)
    rows, total = rows_until_total(ws, 3)
    check(len(rows) == tot["firms"], f"기업별: {len(rows)} rows, {tot['firms']} firms")
    s_allocs = s_amount = 0
    for r in rows:
        c = ws.cell(r, h["사업자등록번호"])
        check(c.data_type == "s" and re.fullmatch(r"\d{3}-\d{2}-\d{5}", c.value or ""),
              f"기업별 row {r}: business number {c.value!r} not text 123-45-67890")
        check(ws.cell(r, h["기업명"]).data_type == "s", f"기업별 row {r}: name is not text")
        s_allocs += ws.cell(r, h["지원 건수"]).value
        s_amount += money.won(ws.cell(r, h["지원금액"]).value)
    check_unit_headers(ws, 2, money, ("매출액", "수출액", "지원금액"), "기업별")
    check(s_allocs == tot["allocs"], "기업별: allocs sum")
    check(money.cell_scale != 1 or s_amount == tot["amount"], "기업별: amount sum")
    check(is_sum(wsf.cell(total, h["지원금액"]).value, not rows), "기업별: total is not a SUM")
    check(money.same(ws.cell(total, h["지원금액"]).value, tot["amount"]), "기업별: total amount")
    check(ws.freeze_panes == "C3", f"기업별: freeze panes {ws.freeze_panes}")
    check_page(ws, "2:2", "기업별")

    # ---- 지원내역 ----
    n_rows = 0
    s_amount = 0
    for name in names[len(FIXED):-len(TRAILING)]:
        ws = wb[name]
        h = header_map(ws, 1)
        check("지원금액(원)" in h, f"{name}: no column 지원금액(원) (detail amounts are whole won)")
        amount_col = h.get("지원금액(원)", 7)
        data = ws.max_row - 1
        check(data <= a.max_rows, f"{name}: {data} rows > {a.max_rows}")
        if name != names[-1 - len(TRAILING)]:
            check(data == a.max_rows, f"{name}: {data} rows before the last sheet, expected {a.max_rows}")
        for r in range(2, ws.max_row + 1):
            d = ws.cell(r, h["집행일"])
            check(isinstance(d.value, datetime.datetime) and d.number_format == "yyyy-mm-dd",
                  f"{name} row {r}: date {d.value!r} {d.number_format}")
            check(ws.cell(r, h["지원ID"]).data_type == "s", f"{name} row {r}: ID not text")
            check(ws.cell(r, h["사업자등록번호"]).data_type == "s", f"{name} row {r}: business number not text")
            check(ws.cell(r, h["상태"]).value in ("집행", "선정"), f"{name} row {r}: status")
            am = ws.cell(r, amount_col)
            check(isinstance(am.value, int) or float(am.value).is_integer(), f"{name} row {r}: amount {am.value!r} not whole won")
            check(am.number_format == "#,##0", f"{name} row {r}: amount format {am.number_format!r}")
            s_amount += int(am.value)
            n_rows += 1
        check(ws.freeze_panes == "A2", f"{name}: freeze panes {ws.freeze_panes}")
        check(ws.auto_filter.ref is not None, f"{name}: no autofilter")
        check_page(ws, "1:1", name)
    check(n_rows == tot["allocs"], f"지원내역: {n_rows} rows, {tot['allocs']} counted allocations")
    check(s_amount == tot["amount"], f"지원내역: amount {s_amount} != {tot['amount']}")

    # ---- 요약 ----
    ws, wsf = wb["요약"], wf["요약"]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str):
                cells.setdefault(c.value, c)
    for k in ("보고 기간", "생성 시각", "주요 실적", "정책수단별 실적", "합계", "수도권", "비수도권"):
        check(k in cells, f"요약: no {k!r}")
    if "생성 시각" in cells:
        g = ws.cell(cells["생성 시각"].row, 2)
        check(isinstance(g.value, datetime.datetime), f"요약: generation time {g.value!r} is not a date")
        if a.epoch is not None and isinstance(g.value, datetime.datetime):
            want_t = datetime.datetime.utcfromtimestamp(a.epoch + a.utc_offset)
            check(abs((g.value - want_t).total_seconds()) < 1, f"요약: generation time {g.value} != {want_t}")
    run_cells = {c.value for row in wb["실행정보"].iter_rows() for c in row if isinstance(c.value, str)}
    for inp in fig.get("inputs", []):
        if inp.get("sha256"):
            check(inp["sha256"] in run_cells, f"실행정보: SHA-256 of {inp['path']} missing")
    amount_label = "지원금액(%s)" % money.label
    check(amount_label in cells, f"요약: no headline {amount_label!r}")
    if amount_label in cells:
        r = cells[amount_label].row
        check(money.same(ws.cell(r, 2).value, tot["amount"]), "요약: headline amount")
        check(money.same(ws.cell(r, 3).value, cum["amount"]), "요약: headline cumulative amount")
        check(str(wsf.cell(r, 2).value).startswith("="), "요약: headline amount is not a formula")
    check(len(ws._charts) >= 1 or not fig["instruments"], "요약: no chart")

    # ---- 검증결과 ----
    ws = wb["검증결과"]
    check([c.value for c in ws[2]][:5] == ["구분", "파일", "행", "열", "내용"], "검증결과: header")
    check_page(ws, "2:2", "검증결과")

    # ---- charts, font ----
    nch = check_charts_and_font(a.workbook, wb)
    check(nch == sum(len(wb[n]._charts) for n in ("요약", "정책수단별", "기간별")), f"{nch} charts in the file")

    # ---- document properties ----
    pr = wb.properties
    check(bool(pr.title), "no document title")
    check(pr.creator == fig["release"]["department"], f"author {pr.creator!r}")
    if a.epoch is not None:
        want_c = datetime.datetime.utcfromtimestamp(a.epoch)
        check(pr.created == want_c, f"created {pr.created} != {want_c}")

    # ---- independent figures from the CSVs ----
    if a.input:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import figures as fp
        ind = fp.compute(a.input, fig["period"]["label"] if not fig["period"]["all"] else "all")
        for k in ("allocs", "amount", "executed", "firms", "projects"):
            check(ind["totals"][k] == tot[k], f"independent totals.{k} {ind['totals'][k]} != {tot[k]}")
        ws = wb["프로젝트별"]
        h = header_map(ws, 2)
        rows, _ = rows_until_total(ws, 3)
        for r in rows:
            pid = ws.cell(r, 1).value
            ip = ind["projects"].get(pid)
            if check(ip is not None, f"independent: no project {pid}"):
                check(money.same(ws.cell(r, h["지원금액"]).value, ip["amount"]), f"independent: {pid} amount")
                check(ws.cell(r, h["지원 건수"]).value == ip["allocs"], f"independent: {pid} allocs")
                check(ws.cell(r, h["참여기업"]).value == ip["firms"], f"independent: {pid} firms")
        ws = wb["정책수단별"]
        rows, _ = rows_until_total(ws, 3)
        for r in rows:
            n = ws.cell(r, 1).value
            ii = ind["instruments"].get(n, {"amount": 0, "allocs": 0})
            check(money.same(ws.cell(r, 6).value, ii["amount"]), f"independent: {n} amount")
            check(ws.cell(r, 5).value == ii["allocs"], f"independent: {n} allocs")

    for f in failures:
        print("xlsx_check: " + f, file=sys.stderr)
    if failures:
        sys.exit(1)
    print("xlsx_check: ok (%d sheets, %d detail rows)" % (len(names), n_rows))


if __name__ == "__main__":
    main()
