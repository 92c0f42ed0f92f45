#!/usr/bin/python3
"""figures.py — an independent reading of the three input CSVs, used by the
end-to-end tests to check smereport's figures against a second implementation.

It shares no code with src/: Python's csv module, the codecs 'utf-8-sig',
'utf-16' and 'cp949', header matching by English name or Korean alias (case,
spaces and a trailing "(unit)" ignored; the unit scales amounts to won), and
the rules of input-formats.md for amounts, dates and statuses. It assumes the
data is valid (it is not a validator): rows with status 취소 are counted only
under "cancelled"; an empty status means 집행.

    figures.py [--input DIR] [--period P] [--cumulative] [--project ID]...

P is all (default), 2025, 2025H1, 2025Q3, 2024-03..2025-06 or
2024-03-01..2025-06-30. --cumulative counts from the beginning up to the end
of the period. Prints JSON (keys sorted) with, for the selected allocations:
totals, per project {firms, allocs, amount, executed, selected, budget} and per
instrument {projects, firms, allocs, amount, executed}. Amounts are integers
in won.
"""
import argparse
import calendar
import csv
import io
import json
import re
import sys
from fractions import Fraction

ALIASES = {
    "projects": {
        "project_id": "프로젝트id", "region": "시도", "title": "프로젝트명",
        "lead_agency": "주관기관", "phase": "단계", "start_year": "시작연도",
        "end_year": "종료연도", "budget_krw": "사업비", "fields": "특화분야",
        "grade": "평가등급",
    },
    "firms": {
        "firm_id": "사업자등록번호", "name": "기업명", "ceo": "대표자", "region": "시도",
        "city": "시군구", "industry": "업종", "employees": "상시근로자수",
        "revenue_krw": "매출액", "export_krw": "수출액", "founded": "설립연도",
    },
    "allocations": {
        "alloc_id": "지원id", "project_id": "프로젝트id", "firm_id": "사업자등록번호",
        "instrument": "정책수단", "agency": "지원기관", "amount_krw": "지원금액",
        "date": "집행일", "status": "상태",
    },
}
UNITS = {"원": 1, "천원": 1000, "백만원": 1000000, "억원": 100000000}


def decode(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig")
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp949")


def read_table(path, kind):
    """Rows as dicts keyed by English column name; amount columns get a
    '<name>@scale' entry with the header's unit."""
    rows = list(csv.reader(io.StringIO(decode(path), newline="")))
    rows = [r for r in rows if any(f != "" for f in r) or len(r) > 1]
    header = rows[0]
    names = {}
    for en, ko in ALIASES[kind].items():
        names[en] = en
        names[ko] = en
    cols = {}
    scale = {}
    for i, h in enumerate(header):
        h = h.strip()
        unit = 1
        m = re.match(r"^(.*?)\s*\(\s*([^()]*)\s*\)$", h)
        if m and m.group(2) in UNITS:
            h, unit = m.group(1), UNITS[m.group(2)]
        key = names.get(h.strip().lower())
        if key is not None:
            cols[key] = i
            scale[key] = unit
    out = []
    for r in rows[1:]:
        if not any(f.strip() for f in r):
            continue
        d = {k: (r[i].strip() if i < len(r) else "") for k, i in cols.items()}
        for k, s in scale.items():
            d[k + "@scale"] = s
        out.append(d)
    return out


def amount(text, scale):
    t = text.strip().replace(",", "").replace(" ", "")
    if t.startswith("₩") or t.startswith("￦"):
        t = t[1:]
    if t.endswith("원"):
        t = t[:-1]
    v = Fraction(t) * scale
    if v.denominator != 1:
        raise ValueError("amount %r is not a whole number of won" % text)
    return int(v)


DATE_FORMS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})\.?$"),
    re.compile(r"^(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def date(text):
    t = text.strip()
    for f in DATE_FORMS:
        m = f.match(t)
        if m:
            y, mo, d = (int(x) for x in m.groups())
            calendar.monthrange(y, mo)  # raises on a bad month
            if not 1 <= d <= calendar.monthrange(y, mo)[1]:
                raise ValueError("bad day in %r" % text)
            return y * 10000 + mo * 100 + d
    raise ValueError("bad date %r" % text)


def period(p):
    """(from, to) as yyyymmdd, or None for all."""
    if p in (None, "", "all"):
        return None
    m = re.match(r"^(\d{4})$", p)
    if m:
        y = int(m.group(1))
        return y * 10000 + 101, y * 10000 + 1231
    m = re.match(r"^(\d{4})[Hh]([12])$", p)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return (y * 10000 + 101, y * 10000 + 630) if h == 1 else (y * 10000 + 701, y * 10000 + 1231)
    m = re.match(r"^(\d{4})[Qq]([1-4])$", p)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        m0, m1 = 3 * q - 2, 3 * q
        return y * 10000 + m0 * 100 + 1, y * 10000 + m1 * 100 + calendar.monthrange(y, m1)[1]
    m = re.match(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$", p)
    if m:
        y0, m0, y1, m1 = (int(x) for x in m.groups())
        return y0 * 10000 + m0 * 100 + 1, y1 * 10000 + m1 * 100 + calendar.monthrange(y1, m1)[1]
    m = re.match(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$", p)
    if m:
        return date(m.group(1)), date(m.group(2))
    raise SystemExit("figures.py: bad period %r" % p)


def compute(indir, per=None, cumulative=False, projects=None):
    allocs = read_table(indir + "/allocations.csv", "allocations")
    firms = read_table(indir + "/firms.csv", "firms")
    projs = read_table(indir + "/projects.csv", "projects")
    known_firms = {f["firm_id"].replace("-", "") for f in firms}
    known_projects = [p["project_id"] for p in projs]
    rng = period(per)
    lo, hi = (rng if rng else (None, None))
    if cumulative:
        lo = None

    budget = {p["project_id"]: (amount(p["budget_krw"], p["budget_krw@scale"])
                                if p.get("budget_krw") else None) for p in projs}
    proj = {pid: {"firms": set(), "allocs": 0, "amount": 0, "executed": 0, "selected": 0,
                  "budget": budget[pid]}
            for pid in known_projects if not projects or pid in projects}
    instr = {}
    tot = {"firms": set(), "projects": set(), "instruments": set(), "allocs": 0,
           "amount": 0, "executed": 0, "selected": 0}
    cancelled = {"allocs": 0, "amount": 0}
    for a in allocs:
        pid = a["project_id"]
        if projects and pid not in projects:
            continue
        fid = a["firm_id"].replace("-", "")
        if fid not in known_firms or pid not in proj:
            raise SystemExit("figures.py: unknown reference in %s" % a.get("alloc_id"))
        d = date(a["date"])
        if lo is not None and d < lo:
            continue
        if hi is not None and d > hi:
            continue
        amt = amount(a["amount_krw"], a["amount_krw@scale"])
        status = a.get("status", "") or "집행"
        if status == "취소":
            cancelled["allocs"] += 1
            cancelled["amount"] += amt
            continue
        if status not in ("집행", "선정"):
            raise SystemExit("figures.py: bad status %r" % status)
        executed = amt if status == "집행" else 0
        selected = amt if status == "선정" else 0
        p = proj[pid]
        p["firms"].add(fid)
        p["allocs"] += 1
        p["amount"] += amt
        p["executed"] += executed
        p["selected"] += selected
        name = a["instrument"]
        i = instr.setdefault(name, {"projects": set(), "firms": set(), "allocs": 0,
                                    "amount": 0, "executed": 0})
        i["projects"].add(pid)
        i["firms"].add(fid)
        i["allocs"] += 1
        i["amount"] += amt
        i["executed"] += executed
        tot["firms"].add(fid)
        tot["projects"].add(pid)
        tot["instruments"].add(name)
        tot["allocs"] += 1
        tot["amount"] += amt
        tot["executed"] += executed
        tot["selected"] += selected

    def flat(d):
        return {k: (len(v) if isinstance(v, set) else v) for k, v in d.items()}

    return {
        "period": {"from": lo, "to": hi},
        "totals": flat(tot),
        "projects": {k: flat(v) for k, v in proj.items()},
        "instruments": {k: flat(v) for k, v in instr.items()},
        "cancelled": cancelled,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", default="input")
    ap.add_argument("--period", default="all")
    ap.add_argument("--cumulative", action="store_true")
    ap.add_argument("--project", action="append")
    a = ap.parse_args()
    json.dump(compute(a.input, a.period, a.cumulative, a.project), sys.stdout,
              ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
