#!/usr/bin/python3
"""mkrealworld.py — writes the end-to-end cases of Excel export artefacts
(issue 12: the in_xl_* directories under tests/e2e/) from the small valid
data set of tests/e2e/bad_nul_in_id/good, each with one kind of artefact.
Accepted cases carry good/ (the clean copy): their check compares a run's
figures.json with the clean copy's. Expected stderr is written by hand in
the case directory (not generated), so a change of wording is a reviewed
change.

    tests/tools/mkrealworld.py      write/refresh the inputs of the cases
"""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
E2E = os.path.join(ROOT, "tests", "e2e")
BASE = os.path.join(E2E, "bad_nul_in_id", "good")

CHECK_SAME = """#!/bin/sh
# Accepted: a run on input/ gives the figures of the clean copy in good/ and
# the same firms (기업별: names, 시·도, 시군구, figures), and the workbook's
# 검증결과 sheet lists the same notes and warnings as stderr.
set -eu
"$SMR" run --input input --output out -q
"$SMR" run --input good --output clean -q
/usr/bin/python3 "$ROOT/tests/tools/compare_figures.py" --input good \\
    out/latest/figures.json clean/latest/figures.json
/usr/bin/python3 - <<'END'
import glob, openpyxl
rows = lambda d: [r for r in openpyxl.load_workbook(glob.glob(d + "/latest/*.xlsx")[0],
                                                    data_only=True)["기업별"].iter_rows(values_only=True)]
a, b = rows("out"), rows("clean")
if a != b:
    print("기업별 differs:", [(x, y) for x, y in zip(a, b) if x != y][:3])
    raise SystemExit(1)
END
/usr/bin/python3 - <<'END'
import glob, openpyxl, re
kind = {"note": "참고", "warning": "경고"}
want = []
for line in open("stderr", encoding="utf-8"):
    m = re.match(r"input/([^:]+):(\\d+):(?:(\\d+):)? (note|warning): (.*)$", line.rstrip("\\n"))
    if m:
        want.append((kind[m[4]], m[1], int(m[2]), int(m[3] or 0), m[5]))
wb = openpyxl.load_workbook(glob.glob("out/latest/*.xlsx")[0], data_only=True)
got = [tuple(r) for r in wb["검증결과"].iter_rows(min_row=3, values_only=True) if r[0] in ("참고", "경고")]
got = [(k, f, l or 0, c or 0, msg) for k, f, l, c, msg in got]
if sorted(got) != sorted(want):
    print("검증결과:", got, "\\nstderr:", want)
    raise SystemExit(1)
END
# ... and the text summary ends with them.
"$SMR" summary --input input >summary.txt 2>/dev/null
sed -n 's/^input\\/\\([^:]*\\):\\([0-9:]*\\): \\(note\\|warning\\): \\(.*\\)$/\\3 input\\/\\1:\\2 \\4/p' stderr |
    sed 's/^note /  참고 /; s/^warning /  경고 /' >want-summary.txt
n=$(wc -l <want-summary.txt)
if [ "$n" -gt 0 ]; then
    tail -n "$n" summary.txt | diff -u want-summary.txt -
    grep -qx "입력 확인 (참고·경고 ${n}건)" summary.txt
elif grep -q "입력 확인" summary.txt; then
    echo "summary lists checks"; exit 1
fi
"""

CHECK_NOTHING = """#!/bin/sh
# Refused: nothing was written.
set -eu
[ ! -e out ] || { echo "out/ exists"; exit 1; }
"""


def read(name):
    with open(os.path.join(BASE, name), encoding="utf-8") as f:
        return f.read()


def case(name, accepted, files, args="validate --input input --output out", enc=None):
    d = os.path.join(E2E, name)
    if os.path.isdir(os.path.join(d, "input")):
        shutil.rmtree(os.path.join(d, "input"))
    os.makedirs(os.path.join(d, "input"), exist_ok=True)
    for f in ("projects.csv", "firms.csv", "allocations.csv"):
        data = files.get(f, read(f))
        raw = data.encode(enc.get(f, "utf-8") if enc else "utf-8") if isinstance(data, str) else data
        with open(os.path.join(d, "input", f), "wb") as out:
            out.write(raw)
    if accepted:
        if os.path.isdir(os.path.join(d, "good")):
            shutil.rmtree(os.path.join(d, "good"))
        shutil.copytree(BASE, os.path.join(d, "good"))
    with open(os.path.join(d, "args"), "w") as f:
        f.write(args + "\n")
    with open(os.path.join(d, "exit"), "w") as f:
        f.write("0\n" if accepted else "1\n")
    with open(os.path.join(d, "check"), "w") as f:
        f.write(CHECK_SAME if accepted else CHECK_NOTHING)
    os.chmod(os.path.join(d, "check"), 0o755)
    open(os.path.join(d, "stdout"), "w").close()


A = read("allocations.csv")
P = read("projects.csv")
F = read("firms.csv")
ALINES = A.rstrip("\n").split("\n")
HDR = ALINES[0]

# Title rows: a report title, a 기준일 line, an empty Excel row, then the table.
case("in_xl_title_rows", True, {
    "allocations.csv": "레전드50+ 지원내역,,,,,,,\n기준일: 2025-03-31,,,,,,,\n,,,,,,,\n" + A,
})

# No line names every column: the closest one (line 3, without 집행일) is named.
case("in_xl_title_no_header", False, {
    "allocations.csv": "레전드50+ 지원내역\n\n" + HDR.replace(",date,", ",day,") + "\n"
    + "\n".join(ALINES[1:]) + "\n",
})

# Totals rows: a correct 합계 under the table and a 소계 that disagrees.
total = 150000000 + 48000000 + 200000000 + 500000000 + 75000000 + 12000000
case("in_xl_totals_rows", True, {
    "allocations.csv": "\n".join(ALINES[:4]) + "\n소계,,,,,\"398,000,001\",,\n"
    + "\n".join(ALINES[4:]) + "\n" + f",,,합계,,{total},,\n",
})

# Rows of only separators inside and under the table.
case("in_xl_comma_rows", True, {
    "allocations.csv": "\n".join(ALINES[:3]) + "\n,,,,,,,\n" + "\n".join(ALINES[3:]) + "\n,,,,,,,\n,,,,,,,\n",
})


def serial(d):
    import datetime
    y, m, dd = int(d[:4]), int(d[4:6]), int(d[6:8])
    return str((datetime.date(y, m, dd) - datetime.date(1899, 12, 30)).days)


# Excel serial dates: every 집행일 as a number (one grouped note).
rows = [HDR]
for line in ALINES[1:]:
    f = line.split(",")
    # the date is the 7th field counting the quoted amount of row 2 as one
    import csv
    import io
    rec = next(csv.reader(io.StringIO(line)))
    digits = "".join(ch for ch in rec[6] if ch.isdigit() or ch in "-./ ")
    parts = [p for p in digits.replace(".", "-").replace("/", "-").replace(" ", "").split("-") if p]
    ymd = parts[0] if len(parts) == 1 else f"{int(parts[0]):04d}{int(parts[1]):02d}{int(parts[2]):02d}"
    rec[6] = serial(ymd)
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(rec)
    rows.append(out.getvalue())
case("in_xl_serial_dates", True, {"allocations.csv": "\n".join(rows) + "\n"})

# "-" for zero: accepted where 0 is allowed (사업비, 수출액, 상시근로자수), refused as an amount.
case("in_xl_dash_zero", False, {
    "projects.csv": P.replace(",23000000000,", ", - ,"),
    "firms.csv": F.replace(",85,23400000000,5100000000,", ",-,23400000000, - ,"),
    "allocations.csv": A.replace(",12000000,", ", - ,"),
})

# CR-only line ends (old Mac Excel) with a bad date on line 4.
case("in_xl_cr_only", False, {
    "allocations.csv": (A.replace("2024. 9. 2.", "2024. 9. 31.")).replace("\n", "\r"),
})

# The header double-encoded: CP949 bytes read as Latin-1, saved as UTF-8.
moj = "지원ID,프로젝트ID,사업자등록번호,정책수단,지원기관,지원금액,집행일,상태".encode("cp949").decode("latin-1")
case("in_xl_mojibake_header", False, {
    "allocations.csv": moj + "\n" + "\n".join(ALINES[1:]) + "\n",
})
# The same with its first two names in English (ASCII survives the damage):
# the error counts the four required columns it hides and shows a damaged name.
moj2 = "alloc_id,project_id," + ",".join(moj.split(",")[2:])
case("in_xl_mojibake_header_partly", False, {
    "allocations.csv": moj2 + "\n" + "\n".join(ALINES[1:]) + "\n",
})

# Numbers as Excel users type them: apostrophes, full-width digits, ₩ and 원,
# business numbers without dashes.
fw = str.maketrans("0123456789,", "０１２３４５６７８９，")
case("in_xl_number_forms", True, {
    "allocations.csv": A.replace(",150000000,", ",'150000000,")
    .replace(",500000000,", "," + "500,000,000".translate(fw) + ",")
    .replace(",200000000,", ",₩200000000,")
    .replace("2025/01/20", "'2025-01-20")
    .replace(",602-81-12349,수출바우처", ",6028112349,수출바우처"),
    "firms.csv": F.replace("504-81-34563,", "'5048134563,"),
})

# Amounts with words: refused with the advice to put the unit in the header.
case("in_xl_amount_words", False, {
    "allocations.csv": A.replace(",500000000,", ",5억원 이내,"),
})

# A row with fewer fields than the header, and one with more.
case("in_xl_field_count", False, {
    "allocations.csv": A.replace(",75000000원,20250314,", ",75000000원,").replace(",2025-02-28,취소", ",2025-02-28,취소,x"),
})

# Dates as Excel and database exports write them besides the five forms: with
# a time of day (a date-time cell: one grouped note) and Excel's Korean long
# date.
case("in_xl_date_times", True, {
    "allocations.csv": A.replace(",2024-05-13,", ",2024-05-13 00:00:00,")
    .replace(",2024.06.03,", ",2024.06.03 오후 2:30,")
    .replace(",2025/01/20,", ",2025년 1월 20일 월요일,")
    .replace(",2025-02-28,", ",2025-02-28T09:30:15.250,"),
})

# An amount in Excel's scientific notation (a number column too narrow in
# 일반 format): refused, its lost digits explained.
case("in_xl_scientific", False, {
    "allocations.csv": A.replace(",500000000,", ",5E+08,").replace(",200000000,", ",2.00000E+08,"),
})

# Firms and projects as sheets write them: 상시근로자수 with its counter (85명)
# and a 설립일 or a start date where a year is asked (one note per column).
case("in_xl_year_count_forms", True, {
    "firms.csv": F.replace(",85,23400000000,", ",85명,23400000000,")
    .replace(",42,8100000000,,2007", ",42 명,8100000000,,2007-03-15")
    .replace(",130,41000000000,12000000000,2011", ",130,41000000000,12000000000,2011. 6. 1."),
    "projects.csv": P.replace(",1.0,2024,2026,10000000000,", ",1.0,2024-04-01,2026,10000000000,"),
})

# A registry's 소재지 (a whole address) under 시도: its first word is the
# 시·도, its second the 시군구 where the row has none (one note).
case("in_xl_address_regions", True, {
    "firms.csv": F.replace(",부산,강서구,", ",부산광역시 강서구 녹산산단로 123,,")
    .replace(",경상북도,포항시,", ",경북 포항시 남구 철강로 1,포항시,")
    .replace(",경기,화성시,", ",\"경기 도 화성시, 향남읍\",,"),
})

# The unit in a title line above the header ("(단위: 천원)") for the amount
# columns whose header has none, and "(단위: 백만원)" inside a header.
case("in_xl_title_unit", True, {
    "allocations.csv": "레전드50+ 지원내역 (단위: 천원),,,,,,,\n,,,,,,,\n"
    + A.replace(",150000000,", ",150000,").replace(',"48,000,000",', ',"48,000",')
    .replace(",200000000,", ",200000,").replace(",500000000,", ",500000,")
    .replace(",75000000원,", ",75000,").replace(",12000000,", ",12000,"),
    "firms.csv": F.replace(",revenue_krw,", ",매출액(단위: 백만원),")
    .replace(",23400000000,", ",23400,").replace(",8100000000,", ",8100,")
    .replace(",41000000000,", ",41000,").replace(",15000000000,", ",15000,"),
})

# A row of units under the header (report sheets): not data; its money units
# apply to the amount columns whose header has none (one note).
ah, ar = A.split("\n", 1)
fh, fr = F.split("\n", 1)
case("in_xl_units_row", True, {
    "allocations.csv": ah + "\n,,,,,(천원),,\n"
    + ar.replace(",150000000,", ",150000,").replace(',"48,000,000",', ',"48,000",')
    .replace(",200000000,", ",200000,").replace(",500000000,", ",500000,")
    .replace(",75000000원,", ",75000,").replace(",12000000,", ",12000,"),
    "firms.csv": fh + "\n,,,,,,(명),(백만원),(원),(년)\n"
    + fr.replace(",23400000000,", ",23400,").replace(",8100000000,", ",8100,")
    .replace(",41000000000,", ",41000,").replace(",15000000000,", ",15000,"),
})

# A 합계 row that leaves the 취소 rows out (a SUMIF) is as right as one that
# counts them: a note, no warning; a wrong one names both sums.
case("in_xl_totals_without_cancelled", True, {
    "allocations.csv": A + f",,,합계,,{total - 12000000},,\n",
})
case("in_xl_totals_wrong_cancelled", True, {
    "allocations.csv": A + f",,,합계,,{total - 12000001},,\n",
})
