#!/usr/bin/python3
"""check_gen.py — checks that a data set made by build/tools/gen (or the
committed sample in input/) keeps the input contract and the domain facts the
reports rely on, read independently of src/ with Python's csv module.

    check_gen.py DIR [--sample]

Contract: unique IDs, valid business-number check digits, regions among the
17 시·도 (official or short forms), years, the five date forms within
2024-01-01..2026-12-31, amounts > 0, exports ≤ revenue, references that
resolve, statuses 선정/집행/취소, grades 우수/보통/미흡/empty.
Domain: 21 projects over all 17 시·도, L50-BS-01 is Busan's 친환경에너지
project with exactly 48 participating firms, the six instrument fields and
about 100억 원 (80억–120억) when the set is sample-sized (--sample), and the
sample shows cancelled rows and names that need CSV quoting.
Prints what failed and exits 1, or prints a one-line summary and exits 0.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures  # noqa: E402

REGIONS = ["서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시",
           "울산광역시", "세종특별자치시", "경기도", "강원특별자치도", "충청북도", "충청남도",
           "전북특별자치도", "전라남도", "경상북도", "경상남도", "제주특별자치도"]
SHORT = ["서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북",
         "충남", "전북", "전남", "경북", "경남", "제주"]
LONG_STEM = {"충청북": 10, "충청남": 11, "전라북": 12, "전라남": 13, "경상북": 14, "경상남": 15}
BS01_INSTRUMENTS = {"중소기업 혁신바우처", "수출바우처", "중소기업 정책자금", "스마트공장",
                    "지역 주력산업 육성", "부산희망고용유지 지원"}


def region(s):
    s = s.strip()
    if s in REGIONS:
        return REGIONS.index(s)
    if s in SHORT:
        return SHORT.index(s)
    for suf in ("특별자치시", "특별자치도", "특별시", "광역시", "도", "시"):
        if s.endswith(suf) and len(s) > len(suf):
            stem = s[: -len(suf)]
            if stem in SHORT:
                return SHORT.index(stem)
            if stem in LONG_STEM:
                return LONG_STEM[stem]
    return None


def brn_ok(s):
    if not re.fullmatch(r"\d{3}-?\d{2}-?\d{5}", s):
        return False
    d = [int(c) for c in s.replace("-", "")]
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    t = sum(a * b for a, b in zip(d, w)) + d[8] * 5 // 10
    return (10 - t % 10) % 10 == d[9]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sample = "--sample" in sys.argv[1:]
    if len(args) != 1:
        raise SystemExit(__doc__)
    d = args[0]
    bad = []

    def need(cond, what):
        if not cond and len(bad) < 50:
            bad.append(what)

    projects = figures.read_table(d + "/projects.csv", "projects")
    firms = figures.read_table(d + "/firms.csv", "firms")
    allocs = figures.read_table(d + "/allocations.csv", "allocations")

    pids = [p["project_id"] for p in projects]
    need(len(set(pids)) == len(pids), "duplicate project IDs")
    pregion = {}
    for p in projects:
        r = region(p["region"])
        need(r is not None, "project %s: region %r" % (p["project_id"], p["region"]))
        pregion[p["project_id"]] = r
        for k in ("title", "lead_agency"):
            need(p[k] != "", "project %s: empty %s" % (p["project_id"], k))
        need(p["grade"] in ("", "우수", "보통", "미흡"), "project %s: grade %r" % (p["project_id"], p["grade"]))
        need(int(p["start_year"]) <= int(p["end_year"]), "project %s: years" % p["project_id"])
        figures.amount(p["budget_krw"], p["budget_krw@scale"])

    fids = {}
    for i, f in enumerate(firms):
        fid = f["firm_id"]
        need(brn_ok(fid), "firm %s: check digit" % fid)
        key = fid.replace("-", "")
        need(key not in fids, "firm %s: duplicate" % fid)
        fids[key] = f
        need(f["name"] != "", "firm %s: empty name" % fid)
        need(region(f["region"]) is not None, "firm %s: region %r" % (fid, f["region"]))
        if f["revenue_krw"] and f["export_krw"]:
            rev = figures.amount(f["revenue_krw"], f["revenue_krw@scale"])
            exp = figures.amount(f["export_krw"], f["export_krw@scale"])
            need(exp <= rev, "firm %s: exports %d > revenue %d" % (fid, exp, rev))
        if f["employees"]:
            need(int(f["employees"]) >= 0, "firm %s: employees" % fid)
        if f["founded"]:
            need(1900 <= int(f["founded"]) <= 2100, "firm %s: founded" % fid)

    aids = set()
    statuses = {}
    for a in allocs:
        aid = a["alloc_id"]
        need(aid not in aids, "alloc %s: duplicate" % aid)
        aids.add(aid)
        need(a["project_id"] in pregion, "alloc %s: project %s" % (aid, a["project_id"]))
        need(a["firm_id"].replace("-", "") in fids, "alloc %s: firm %s" % (aid, a["firm_id"]))
        need(a["instrument"] != "", "alloc %s: instrument" % aid)
        need(figures.amount(a["amount_krw"], a["amount_krw@scale"]) > 0, "alloc %s: amount" % aid)
        dt = figures.date(a["date"])
        need(20240101 <= dt <= 20261231, "alloc %s: date %s" % (aid, a["date"]))
        st = a.get("status", "")
        need(st in ("", "선정", "집행", "취소"), "alloc %s: status %r" % (aid, st))
        statuses[st] = statuses.get(st, 0) + 1

    fig = figures.compute(d)
    if len(projects) >= 21:
        need(len({pregion[p] for p in pids[:21]}) == 17, "the 21 projects do not cover the 17 시·도")
        bs = next((p for p in projects if p["project_id"] == "L50-BS-01"), None)
        need(bs is not None and region(bs["region"]) == 1 and
             bs["title"] == "친환경에너지 저장·공급 기자재 핵심기업 집중육성", "L50-BS-01 is not Busan's project")
        bsf = fig["projects"].get("L50-BS-01", {})
        if len(firms) >= 48 and bsf.get("allocs", 0) >= 150:
            need(bsf.get("firms") == 48, "L50-BS-01 has %s firms, not 48" % bsf.get("firms"))
        bs_instr = {a["instrument"] for a in allocs if a["project_id"] == "L50-BS-01"}
        need(bs_instr <= BS01_INSTRUMENTS, "L50-BS-01 instruments: %s" % sorted(bs_instr))
        if bsf.get("allocs", 0) >= 150:
            need(bs_instr == BS01_INSTRUMENTS, "L50-BS-01 instruments: %s" % sorted(bs_instr))
        if sample:
            need(80e8 <= bsf.get("amount", 0) <= 120e8, "L50-BS-01 amount %s is not about 100억" % bsf.get("amount"))
    if sample:
        raw_firms = open(d + "/firms.csv", encoding="utf-8").read()
        need(statuses.get("취소", 0) >= 3, "fewer than 3 cancelled rows")
        need(re.search(r'"[^"\n]*, [^"\n]*"', raw_firms) is not None, "no firm name with a comma")
        need('""' in raw_firms, "no firm name with a quote")

    for b in bad:
        print(b)
    if bad:
        return 1
    print("%s: %d projects, %d firms, %d allocations; L50-BS-01: %d firms, %d won; statuses %s"
          % (d, len(projects), len(firms), len(allocs), fig["projects"].get("L50-BS-01", {}).get("firms", 0),
             fig["projects"].get("L50-BS-01", {}).get("amount", 0), statuses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
