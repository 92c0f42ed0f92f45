#!/usr/bin/python3
"""gen.py — the release test corpus (issue 10): writes input/ with every grade
(우수, 보통, 미흡, none) in both phases (1.0, 2.0), over-budget projects (one by
its executed amount, one only by selected support), a 강원특별자치도 and a
전북특별자치도 project, allocations in every quarter from 2024Q1 to 2025Q3
(so that --period 2025Q3 has a year-earlier quarter and a previous quarter),
amounts that give 약 … 억 원 groups, a firm name in Hanja, and two projects with
no support (one starting in 2026, after the period). Deterministic."""
import os
import random

R = random.Random(10)


def brn(body):
    """A valid business number from 9 digits (check digit of the domain rules)."""
    d = [int(c) for c in body]
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    s = sum(a * b for a, b in zip(d, w)) + d[8] * 5 // 10
    c = (10 - s % 10) % 10
    return "%s-%s-%s%d" % (body[:3], body[3:5], body[5:], c)


REGIONS = ["부산광역시", "강원특별자치도", "전북특별자치도", "대구광역시", "경상남도", "서울특별시",
           "충청북도", "제주특별자치도"]
GRADES = ["우수", "보통", "미흡", ""]
projects = []
k = 0
for phase in ("1.0", "2.0"):
    for g in GRADES:
        region = REGIONS[k]
        pid = "T-%02d" % (k + 1)
        budget = 3000000000  # 30억
        title = "시험 특화 프로젝트 %d 핵심기업 집중육성" % (k + 1)
        # T-08 gives no start or end year (both optional)
        years = ("", "") if pid == "T-08" else ("2024", "2026")
        projects.append([pid, region, title,
                         region[:2] + "테크노파크", phase, years[0], years[1], str(budget),
                         # T-02's 특화분야 韓紙 is printed in the serif body, which
                         # NanumMyeongjo cannot draw: the fallback face must
                         "분야A;韓紙" if k == 1 else "분야A;분야B", g])
        k += 1
# Two projects with no support up to 2025Q3: T-09 starts in 2026 (the release
# says it has not started), T-10 started in 2025 (no support yet).
for pid, region, start in (("T-09", "경상북도", "2026"), ("T-10", "전라남도", "2025")):
    projects.append([pid, region, "시험 특화 프로젝트 %s 신규 핵심기업 육성" % pid[2:], region[:2] + "테크노파크",
                     "2.0", start, "2027", "3000000000", "분야A", ""])
names = ["가온정밀", "(주)나래테크", "다온소재 주식회사", "라온바이오㈜", "마루전자", "바른기계(주)",
         "大明精密株式會社", "새솔에너지", "아라로보틱스", "자람케미칼", "차오름", "카이메탈",
         "타라시스템", "파랑솔루션", "하늘금속", "한빛산업"]
firms = []
for i, n in enumerate(names):
    # firm 3's 업종 has a Thai letter that no face (nor the fallback face) has
    firms.append([brn("%03d%02d%04d" % (101 + i, 10 + i, 1000 + i * 7)), n, "대표%d" % i,
                  REGIONS[i % len(REGIONS)], "중구", "기타 제조업 ก" if i == 3 else "기타 제조업",
                  str(10 + i), str(1000000000 + i),
                  str(100000000 + i), "2001"])
instruments = ["스마트공장", "수출바우처", "기술개발(R&D)", "중소기업 정책자금"]
allocs = []
n = 0
for pi, p in enumerate(projects):
    if p[0] in ("T-09", "T-10"):
        continue
    for y, q in [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3)]:
        for j in range(3):
            f = firms[(pi * 3 + j + q) % len(firms)]
            inst = instruments[(j + q + pi) % len(instruments)]
            amount = R.randrange(40, 160) * 1000000
            # T-01 executes beyond its budget; T-05 goes beyond it only with selected support
            if p[0] == "T-01":
                amount *= 3
            if p[0] == "T-05" and (y, q) == (2025, 3):
                amount = 2400000000 if j == 0 else amount
            month = (q - 1) * 3 + 1 + j
            status = "집행"
            if p[0] == "T-05" and (y, q) == (2025, 3):
                status = "선정"
            n += 1
            allocs.append(["A%05d" % n, p[0], f[0], inst, "TP", str(amount),
                           "%d-%02d-%02d" % (y, month, 5 + j), status])
os.makedirs("input", exist_ok=True)


def write(name, header, rows):
    with open("input/" + name, "w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for r in rows:
            fh.write(",".join('"%s"' % c if ("," in c or '"' in c) else c for c in r) + "\n")


write("projects.csv", "project_id,region,title,lead_agency,phase,start_year,end_year,budget_krw,fields,grade",
      projects)
write("firms.csv", "firm_id,name,ceo,region,city,industry,employees,revenue_krw,export_krw,founded", firms)
write("allocations.csv", "alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status", allocs)
