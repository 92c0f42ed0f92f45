#!/usr/bin/python3
"""mkcases.py — writes the input end-to-end cases under tests/e2e/ (the
in_* directories) from one small valid data set and a table of one-line
edits, so that each case differs from the base in exactly the fault it tests
and the expected line:column can be computed instead of counted by hand.

    tests/tools/mkcases.py            write/refresh the case directories
    tests/tools/mkcases.py --bless    also run build/smereport on each case and
                                      store its stderr as the expectation
                                      (review every line before committing)

The expectations in the table below are our reading of the contract
(input-formats.md): the exit code, and for each diagnostic the file, the
physical line and the column (in characters) of the field. --bless keeps
the exit code from this table and reports a case whose exit code or
diagnostic positions differ from it, so a regression cannot be blessed
silently.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
E2E = os.path.join(ROOT, "tests", "e2e")

PROJECTS = """project_id,region,title,lead_agency,phase,start_year,end_year,budget_krw,fields,grade
L50-BS-01,부산광역시,친환경에너지 저장·공급 기자재 핵심기업 집중육성,부산테크노파크,1.0,2024,2026,10000000000,수소·LNG 기자재;이차전지 소재부품,우수
L50-GB-01,경북,이차전지 양극재 밸류체인 강화,경북테크노파크,1.0,2024,2026,23000000000,이차전지;양극재,
"""
FIRMS = """firm_id,name,ceo,region,city,industry,employees,revenue_krw,export_krw,founded
602-81-12349,"(주)한빛정밀, 부산지점",김재규,부산,강서구,밸브 제조업,85,23400000000,5100000000,1998
605-86-00212,\"\"\"대성\"\" 테크\",박민수,부산광역시,사하구,선박 구성부분품 제조업,42,8100000000,,2007
504-81-34563,(주)경북양극재,이영호,경상북도,포항시,축전지 제조업,130,41000000000,12000000000,2011
124-87-07770,주식회사 넥스트머티리얼즈,최지원,경기,화성시,기초 화학물질 제조업,60,15000000000,3000000000,2015
513-88-11001,세진오토텍(주),,경북,구미시,자동차 부품 제조업,,,,
"""
ALLOCS = """alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status
A0000001,L50-BS-01,602-81-12349,수출바우처,중소벤처기업진흥공단,150000000,2024-05-13,집행
A0000002,L50-BS-01,605-86-00212,중소기업 혁신바우처,중소벤처기업진흥공단,"48,000,000",2024.06.03,집행
A0000003,L50-BS-01,124-87-07770,스마트공장,중소기업기술정보진흥원,200000000,2024. 9. 2.,선정
A0000004,L50-GB-01,504-81-34563,중소기업 정책자금,중소벤처기업진흥공단,500000000,2025/01/20,집행
A0000005,L50-GB-01,5048134563,지역 주력산업 육성,경북테크노파크,75000000원,20250314,
A0000006,L50-BS-01,602-81-12349,부산희망고용유지 지원,부산광역시,12000000,2025-02-28,취소
"""
BASE = {"projects": PROJECTS, "firms": FIRMS, "allocations": ALLOCS}

RUN_ARGS = "run --input input --output out"
NO_OUTPUT_CHECK = """#!/bin/sh
# Errors stop the run before anything is written: no output directory at all.
set -eu
if [ -e out ]; then
    echo "out/ exists after a failed run:"; find out | head -n 20
    exit 1
fi
"""
FIGURES_CHECK = """#!/bin/sh
# The figures smereport printed must equal those of the independent checker.
set -eu
/usr/bin/python3 "$ROOT/tests/tools/compare_figures.py" --input input .stdout
"""


def edit(text, line, old, new):
    """Replaces `old` by `new` on 1-based physical line `line` (must occur once)."""
    lines = text.split("\n")
    if lines[line - 1].count(old) != 1:
        raise SystemExit("mkcases: %r not once on line %d: %s" % (old, line, lines[line - 1]))
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def col_of(text, line, needle):
    """1-based column, in characters, of `needle` on physical line `line`."""
    ln = text.split("\n")[line - 1]
    i = ln.find(needle)
    if i < 0:
        raise SystemExit("mkcases: %r not on line %d" % (needle, line))
    return i + 1


def drop_column(text, name):
    lines = text.rstrip("\n").split("\n")
    idx = lines[0].split(",").index(name)
    out = []
    for ln in lines:  # only for lines without quoted commas in the data used here
        f = re.findall(r'("(?:[^"]|"")*"|[^,]*)(?:,|$)', ln)[:-1] if '"' in ln else ln.split(",")
        del f[idx]
        out.append(",".join(f))
    return "\n".join(out) + "\n"


CASES = []


def case(name, files=None, args=RUN_ARGS, exit=1, expect=(), check=NO_OUTPUT_CHECK, setup=None,
         drop=(), stdout="", extra=None):
    """files: kind -> text (default: the base); drop: kinds whose file is absent.
    expect: lines of stderr (our expectation; --bless replaces them after review)."""
    f = dict(BASE)
    f.update(files or {})
    for k in drop:
        f.pop(k)
    CASES.append(dict(name=name, files=f, args=args, exit=exit, expect=list(expect), check=check,
                      setup=setup, stdout=stdout, extra=extra or {}))


def loc(kind, text, line, needle, skip=0):
    """file:line:col of `needle` on `line`, plus `skip` characters."""
    return "input/%s.csv:%d:%d" % (kind, line, col_of(text, line, needle) + skip)


def nerr(n):
    return "smereport: error: %d error%s in the input; nothing was written" % (n, "" if n == 1 else "s")


def build():
    # ---- valid data
    case("in_valid_validate", args="validate --input input", exit=0, check=None,
         expect=["smereport: input is valid: 2 projects, 5 firms, 6 allocations; 0 warnings"])
    case("in_valid_summary_json", args="summary --format json --input input", exit=0,
         check=FIGURES_CHECK, stdout=None)
    case("in_valid_period_json", args="summary --format json --period 2024 --input input", exit=0,
         check=FIGURES_CHECK, stdout=None)

    # ---- field faults, one per case
    a = edit(ALLOCS, 3, '"48,000,000"', '"48,0x0,000"')
    case("in_bad_amount", {"allocations": a},
         expect=[loc("allocations", a, 3, '"48,0x0') + ': error: 지원금액 (amount_krw): "48,0x0,000" is not an amount (it contains a character that is not a digit)', nerr(1)])
    a = edit(ALLOCS, 5, "500000000", "0")
    a = edit(a, 3, "48,000,000", "-48,000,000")
    case("in_zero_amount", {"allocations": a},
         expect=[loc("allocations", a, 3, '"-48') + ': error: 지원금액 (amount_krw): "-48,000,000" is below 0: an allocation is never negative; a support taken back is the allocation itself with 상태 (status) 취소, or its amount reduced',
                 loc("allocations", a, 5, ",0,", 1) + ': error: 지원금액 (amount_krw): "0" is 0, and an allocation of 0 won supports no firm: leave the row out, or enter the amount', nerr(2)])
    a = edit(ALLOCS, 5, "2025/01/20", "2025/02/30")
    case("in_bad_date", {"allocations": a},
         expect=[loc("allocations", a, 5, "2025/02/30") + ': error: 집행일 (date): "2025/02/30" is not a date (it does not exist in the calendar)', nerr(1)])
    a = edit(ALLOCS, 2, "2024-05-13", "13.05.2024")
    case("in_bad_date_form", {"allocations": a},
         expect=[loc("allocations", a, 2, "13.05.2024") + ': error: 집행일 (date): "13.05.2024" is not a date (it has none of the forms 2024-05-13, 2024.05.13, 2024. 5. 13., 2024/05/13, 20240513)', nerr(1)])
    f = edit(FIRMS, 6, "513-88-11001", "513-88-11002")
    case("in_bad_check_digit", {"firms": f},
         expect=[loc("firms", f, 6, "513-88") + ': error: 사업자등록번호 (firm_id): "513-88-11002" is not a business registration number (it has a check digit that does not match its first nine digits)', nerr(1)])
    # Allocations that repeat the firm's wrong number: one note at the first, not an error each.
    f = edit(FIRMS, 6, "513-88-11001", "513-88-11002")
    a = ALLOCS + ("A0000007,L50-GB-01,513-88-11002,스마트공장,,1000000,2025-03-01,\n"
                  "A0000008,L50-GB-01,513-88-11002,스마트공장,,2000000,2025-03-02,\n")
    case("in_check_digit_cascade", {"firms": f, "allocations": a},
         expect=[loc("allocations", a, 8, "513-88") + ': note: 사업자등록번호 (firm_id): "513-88-11002" is on line 6 of input/firms.csv, which has errors (noted once, at the first allocation that refers to it)',
                 loc("firms", f, 6, "513-88") + ': error: 사업자등록번호 (firm_id): "513-88-11002" is not a business registration number (it has a check digit that does not match its first nine digits)', nerr(1)])
    # A typo of a 시·도 gets its name; a word as near to two (경상남도, 경상북도) none.
    f = edit(FIRMS, 6, ",경북,", ",경상북부,")
    f = edit(f, 5, ",경기,", ",경상도,")
    case("in_unknown_region", {"firms": f},
         expect=[loc("firms", f, 5, "경상도") + ': error: 시도 (region): "경상도" is not one of the 17 시·도 (e.g. 부산광역시 or 부산)',
                 loc("firms", f, 6, "경상북부") + ': error: 시도 (region): "경상북부" is not one of the 17 시·도; did you mean 경상북도?', nerr(2)])
    # A 시·군·구 where the 시·도 belongs: the error says which 시·도 (and, in
    # firms.csv with no 시군구 on the row, to move the 시·군·구 there); a name
    # two 시·도 have gets no single answer.
    f = edit(FIRMS, 2, ",부산,강서구,", ",부산강서구,,")
    f = edit(f, 4, ",경상북도,", ",포항시,")
    f = edit(f, 5, ",경기,화성시,", ",고성군,,")
    p = edit(PROJECTS, 3, ",경북,", ",구미시,")
    case("in_region_sigungu", {"firms": f, "projects": p},
         expect=[loc("firms", f, 2, "부산강서구") + ': error: 시도 (region): "부산강서구" is not one of the 17 시·도 but reads as 부산광역시 강서구: write 부산광역시 (or 부산) here, and the 시·군·구 under 시군구 (city)',
                 loc("firms", f, 4, "포항시") + ': error: 시도 (region): "포항시" is not one of the 17 시·도 but a 시·군·구 of 경상북도: write 경상북도 (or 경북) here',
                 loc("firms", f, 5, "고성군") + ': error: 시도 (region): "고성군" is not one of the 17 시·도 but a 시·군·구 of more than one (강원, 경남): write its 시·도 here, and the 시·군·구 under 시군구 (city)',
                 loc("projects", p, 3, "구미시") + ': error: 시도 (region): "구미시" is not one of the 17 시·도 but a 시·군·구 of 경상북도: write 경상북도 (or 경북) here',
                 nerr(4)])
    a = edit(ALLOCS, 5, "L50-GB-01", "L50-GB-09")
    case("in_unknown_project", {"allocations": a},
         expect=[loc("allocations", a, 5, "L50-GB-09") + ': error: 프로젝트ID (project_id): "L50-GB-09" is not in input/projects.csv', nerr(1)])
    a = edit(ALLOCS, 5, "504-81-34563", "617-01-55557")
    case("in_unknown_firm", {"allocations": a},
         expect=[loc("allocations", a, 5, "617-01") + ': error: 사업자등록번호 (firm_id): "617-01-55557" is not in input/firms.csv', nerr(1)])
    a = edit(ALLOCS, 6, "A0000005", "A0000004")
    case("in_duplicate_alloc_id", {"allocations": a},
         expect=[loc("allocations", a, 6, "A0000004") + ': error: 지원ID (alloc_id): "A0000004" appears twice (first on line 5)', nerr(1)])
    f = edit(FIRMS, 6, "513-88-11001", "5048134563")
    case("in_duplicate_firm_id", {"firms": f},
         expect=[loc("firms", f, 6, "5048134563") + ': error: 사업자등록번호 (firm_id): \"5048134563\" (504-81-34563) appears twice (first on line 4)', nerr(1)])
    p = edit(PROJECTS, 3, "L50-GB-01", "L50-BS-01")
    # The second L50-GB-01 row is now L50-BS-01, so L50-GB-01 is gone and its allocations dangle.
    case("in_duplicate_project_id", {"projects": p},
         expect=[loc("allocations", ALLOCS, 5, "L50-GB-01") + ': error: 프로젝트ID (project_id): "L50-GB-01" is not in input/projects.csv',
                 loc("allocations", ALLOCS, 6, "L50-GB-01") + ': error: 프로젝트ID (project_id): "L50-GB-01" is not in input/projects.csv',
                 loc("projects", p, 3, "L50-BS-01") + ': error: 프로젝트ID (project_id): "L50-BS-01" appears twice (first on line 2)', nerr(3)])
    a = drop_column(ALLOCS, "date")
    case("in_missing_column", {"allocations": a},
         expect=["input/allocations.csv:1: error: missing required column 집행일 (date)", nerr(1)])
    a = edit(ALLOCS, 3, "중소기업 혁신바우처", "")
    case("in_empty_required", {"allocations": a},
         expect=[loc("allocations", a, 3, ",,", 1) + ": error: 정책수단 (instrument): missing value (the column is required)", nerr(1)])
    f = edit(FIRMS, 5, "주식회사 넥스트머티리얼즈", "  ")
    case("in_empty_firm_name", {"firms": f},
         expect=[loc("firms", f, 5, "  ") + ": error: 기업명 (name): missing value (the column is required)", nerr(1)])
    a = edit(ALLOCS, 6, "20250314,", "20250314,보류")
    case("in_bad_status", {"allocations": a},
         expect=[loc("allocations", a, 6, "보류") + ': error: 상태 (status): "보류" is not one of 선정, 집행, 취소', nerr(1)])
    p = edit(PROJECTS, 3, "2024,2026", "2026,2024")
    # (ingest also warns that L50-GB-01's allocations fall outside the inverted range)
    case("in_end_before_start", {"projects": p},
         expect=[loc("allocations", ALLOCS, 5, "2025/01/20") + ": warning: 집행일 (date): 2025/01/20 is outside the project's years 2026..2024",
                 loc("allocations", ALLOCS, 6, "20250314") + ": warning: 집행일 (date): 20250314 is outside the project's years 2026..2024",
                 loc("projects", p, 3, ",2024,", 1) + ": error: 종료연도 (end_year): 2024 is before the start year 2026", nerr(1)])
    p = edit(PROJECTS, 2, ",우수", ",최우수")
    case("in_bad_grade", {"projects": p},
         expect=[loc("projects", p, 2, "최우수") + ': error: 평가등급 (grade): "최우수" is not one of 우수, 보통, 미흡', nerr(1)])

    # ---- CSV syntax
    a = edit(ALLOCS, 4, "스마트공장", 'Smart"공장')
    case("in_stray_quote", {"allocations": a},
         expect=[loc("allocations", a, 4, '"공장') + ': error: stray quote (") in a field: quote the whole field and double the quote ("")', nerr(1)])
    a = ALLOCS.rstrip("\n").rsplit("\n", 1)[0] + "\n" + \
        'A0000006,L50-BS-01,602-81-12349,"부산희망고용유지 지원,부산광역시,12000000,2025-02-28,취소\n'
    case("in_unterminated_quote", {"allocations": a},
         expect=[loc("allocations", a, 7, '"부산') + ': error: quoted field is never closed: its closing quote (") is missing', nerr(1)])
    # A quoted field spanning lines: physical lines after it still count.
    f = edit(FIRMS, 2, '"(주)한빛정밀, 부산지점"', '"(주)한빛정밀\n부산지점"')
    f = edit(f, 7, ",경북,", ",경상북부,")
    case("in_multiline_field", {"firms": f},
         expect=[loc("firms", f, 7, "경상북부") + ': error: 시도 (region): "경상북부" is not one of the 17 시·도; did you mean 경상북도?', nerr(1)])
    # CRLF and a multi-line field, valid: figures as usual.
    f = edit(FIRMS, 2, '"(주)한빛정밀, 부산지점"', '"(주)한빛정밀\n부산지점"').replace("\n", "\r\n")
    case("in_multiline_crlf_valid", {"firms": f, "allocations": ALLOCS.replace("\n", "\r\n")},
         args="summary --format json --input input", exit=0, check=FIGURES_CHECK, stdout=None)

    # CRLF line ends and a field spanning lines, then an error: still the physical line.
    f = edit(FIRMS, 2, '"(주)한빛정밀, 부산지점"', '"(주)한빛정밀\n부산지점"')
    f = edit(f, 7, ",경북,", ",경상북부,")
    case("in_multiline_crlf_error", {"firms": f.replace("\n", "\r\n")},
         expect=[loc("firms", f, 7, "경상북부") + ': error: 시도 (region): "경상북부" is not one of the 17 시·도; did you mean 경상북도?', nerr(1)])
    # Korean headers with units: 지원금액(백만원) with a decimal that is a whole number of won,
    # 사업비(억원); figures must equal the won figures.
    ko = ALLOCS.replace("alloc_id,project_id,firm_id,instrument,agency,amount_krw,date,status",
                        "지원ID,프로젝트ID,사업자등록번호,정책수단,지원기관,지원금액(백만원),집행일,상태")
    for old, new in (("150000000", "150"), ('"48,000,000"', "48"), ("200000000", "200"),
                     ("500000000", "\"₩500\""), ("75000000원", "75.5"), ("12000000", "12")):
        ko = ko.replace(old, new, 1)
    pk = PROJECTS.replace("budget_krw", "사업비(억원)").replace("10000000000", "100").replace("23000000000", "230.5")
    case("in_units_korean_headers", {"allocations": ko, "projects": pk},
         args="summary --format json --input input", exit=0, check=FIGURES_CHECK, stdout=None)

    # ---- warnings and notes do not stop a run
    f = edit(FIRMS, 3, ",8100000000,,", ",8100000000,9000000000,")
    case("in_export_gt_revenue", {"firms": f}, args="validate --input input", exit=0, check=None,
         expect=[loc("firms", f, 3, "9000000000") + ": warning: 수출액 (export_krw): 9,000,000,000 원 is more than the revenue 8,100,000,000 원 (매출액)",
                 "smereport: input is valid: 2 projects, 5 firms, 6 allocations; 1 warning"])
    a = ALLOCS.replace("status\n", "status,비고\n", 1)
    a = "\n".join(ln + ",메모" if i > 1 else ln for i, ln in enumerate(a.split("\n"), 1) if ln) + "\n"
    case("in_unknown_column", {"allocations": a}, args="validate --input input", exit=0, check=None,
         expect=['input/allocations.csv:1: note: unknown column ignored: "비고"',
                 "smereport: input is valid: 2 projects, 5 firms, 6 allocations; 0 warnings"])

    # ---- several faults in several files: all reported, sorted by file and line
    p = edit(PROJECTS, 3, ",경북,", ",경북부,")
    f = edit(FIRMS, 6, "513-88-11001", "513-88-11002")
    a = edit(edit(ALLOCS, 2, "150000000", "15O000000"), 7, "2025-02-28", "2025-02-29")
    # Sorted by file path, then line and column.
    case("in_many_errors", {"projects": p, "firms": f, "allocations": a},
         expect=[loc("allocations", a, 2, "15O") + ': error: 지원금액 (amount_krw): "15O000000" is not an amount (it contains a character that is not a digit)',
                 loc("allocations", a, 7, "2025-02-29") + ': error: 집행일 (date): "2025-02-29" is not a date (it does not exist in the calendar)',
                 loc("firms", f, 6, "513-88") + ': error: 사업자등록번호 (firm_id): "513-88-11002" is not a business registration number (it has a check digit that does not match its first nine digits)',
                 loc("projects", p, 3, "경북부") + ': error: 시도 (region): "경북부" is not one of the 17 시·도; did you mean 경상북도?',
                 nerr(4)])

    # ---- the diagnostics limit: the first N problems, then one line for the rest
    a = ALLOCS
    for ln, old, new in ((2, "2024-05-13", "2024-05-33"), (3, "2024.06.03", "2024.13.03"),
                         (5, "2025/01/20", "2025/01/40"), (6, "20250314", "20250332"),
                         (7, "2025-02-28", "2025-02-30")):
        a = edit(a, ln, old, new)
    bad = ' is not a date (it does not exist in the calendar)'
    case("in_diag_limit", {"allocations": a}, args="validate --input input", check=None,
         extra={"config.ini": "[limits]\nmax_diagnostics = 3\n"},
         expect=[loc("allocations", a, 2, "2024-05-33") + ': error: 집행일 (date): "2024-05-33"' + bad,
                 loc("allocations", a, 3, "2024.13.03") + ': error: 집행일 (date): "2024.13.03"' + bad,
                 loc("allocations", a, 5, "2025/01/40") + ': error: 집행일 (date): "2025/01/40"' + bad,
                 "smereport: note: 2 more problems not shown (limit 3: [limits] max_diagnostics)",
                 nerr(5)])
    # 20,000 bad rows with the default limit (200): bounded output, every error counted.
    case("in_many_bad_rows", files={}, drop=("projects", "firms", "allocations"),
         args="run --input input --output out",
         setup="""#!/bin/sh
# Generated data whose every allocation date is 2025-02-30.
set -eu
"${BUILD:-$ROOT/build}/tools/gen" --seed 9 --firms 400 --allocations 20000 --out input
sed -i '2,$ s/,[0-9][-0-9./ ]*[0-9.],\\([^,]*\\)$/,2025-02-30,\\1/' input/allocations.csv
""",
         check="""#!/bin/sh
set -eu
[ ! -e out ]
# 20,000 times the same error in one column: five shown, then one line for
# the rest with its count and first lines (not 200 lines and a limit note).
test "$(grep -c 'error: 집행일 (date): "2025-02-30" is not a date' .stderr)" -eq 5
grep -qx 'input/allocations.csv:7:63: error: 집행일 (date): 19,995 more like the 5 above, on lines 7, 8, 9, 10, 11 and 19,990 more' .stderr
tail -n 1 .stderr | grep -qx 'smereport: error: 20,000 errors in the input; nothing was written'
test "$(wc -l <.stderr)" -eq 7
""")

    # ---- header-only and empty files, missing and unreadable files
    hdr = {k: v.split("\n", 1)[0] + "\n" for k, v in BASE.items()}
    case("in_header_only_allocations", {"allocations": hdr["allocations"]},
         args="summary --format json --input input", exit=0, check=FIGURES_CHECK, stdout=None)
    case("in_header_only_all", hdr, args="validate --input input", exit=0, check=None,
         expect=["smereport: input is valid: 0 projects, 0 firms, 0 allocations; 0 warnings"])
    # An empty file (a failed export) is an unusable input file, like a missing one.
    case("in_empty_file", {"firms": ""}, exit=4,
         expect=["input/firms.csv: error: empty file (no header row)", nerr(1)])
    case("in_missing_file", drop=("firms",), exit=4,
         expect=["input/firms.csv: error: cannot read: No such file or directory", nerr(1)])
    case("in_unreadable_file", drop=("firms",), exit=4,
         setup="#!/bin/sh\n# CI runs as root, so chmod 000 would not stop a read: a directory stands in\n"
               "# for an unreadable file.\nset -eu\nmkdir input/firms.csv\n",
         expect=["input/firms.csv: error: is a directory, not a regular file; an input must be a "
                 "regular file (nothing was read from it)", nerr(1)])

    # ---- encodings
    cp = "#!/bin/sh\n# CP949 copy of the base data; the last row of firms.csv gets a byte (0xFF)\n" \
         "# that is neither CP949 nor UTF-8, after the CP949 text 경.\nset -eu\n" \
         "for f in projects firms allocations; do iconv -f UTF-8 -t CP949 input/$f.csv >input/$f.tmp; mv input/$f.tmp input/$f.csv; done\n" \
         "head -n 5 input/firms.csv >input/firms.tmp\n" \
         "printf '513-88-11001,\\260\\346\\377,,\\260\\346\\272\\317,,,,,,\\n' >>input/firms.tmp\n" \
         "mv input/firms.tmp input/firms.csv\n"
    case("in_bad_byte_cp949", setup=cp, exit=4,
         expect=["input/firms.csv: error: not UTF-8 or CP949: invalid byte 0xFF at offset 499", nerr(1)])
    case("in_cp949_valid", args="summary --format json --input input", exit=0, check=FIGURES_CHECK,
         stdout=None,
         setup="#!/bin/sh\nset -eu\nfor f in projects firms allocations; do iconv -f UTF-8 -t CP949 input/$f.csv >input/$f.tmp; mv input/$f.tmp input/$f.csv; done\n")

    gen_same = """#!/bin/sh
# The same generated data twice: UTF-8 with English headers in input/, and in
# input2/ as %s. The check compares the two summaries and both
# with tests/tools/figures.py.
set -eu
G="${BUILD:-$ROOT/build}/tools/gen --seed 11 --projects 21 --firms 300 --allocations 2500 --granularity thousand"
$G --out input
$G --out input2 %s
"""
    same_check = """#!/bin/sh
set -eu
"$SMR" summary --format json --input input2 >other.json
/usr/bin/python3 "$ROOT/tests/tools/compare_figures.py" --input input .stdout other.json
/usr/bin/python3 "$ROOT/tests/tools/compare_figures.py" --input input2 other.json
"""
    for name, desc, opts in (
            ("in_same_cp949_ko_units", "CP949, Korean headers, (천원) amounts, CRLF, shuffled columns",
             "--encoding cp949 --headers ko --unit thousand --crlf --shuffle-columns"),
            ("in_same_utf8bom_ko", "UTF-8 with a BOM and Korean headers", "--encoding utf8bom --headers ko"),
            ("in_same_utf16le", "UTF-16LE (Excel's 유니코드 텍스트) with English headers and CRLF",
             "--encoding utf16le --crlf")):
        case(name, files={}, drop=("projects", "firms", "allocations"),
             args="summary --format json --input input", exit=0, stdout=None,
             setup=gen_same % (desc, opts), check=same_check)
    case("in_gen_contract", files={}, drop=("projects", "firms", "allocations"),
         args="validate --input input", exit=0, check=None,
         expect=["smereport: input is valid: 21 projects, 1,500 firms, 6,000 allocations; 0 warnings"],
         setup="""#!/bin/sh
# build/tools/gen: deterministic for a seed, different for another seed, and
# its output keeps the contract and the domain facts (tests/tools/check_gen.py)
# in every presentation; smereport must accept it (args: validate).
set -eu
G="${BUILD:-$ROOT/build}/tools/gen --projects 21 --firms 1500 --allocations 6000"
$G --seed 5 --out input
$G --seed 5 --out again
$G --seed 6 --out other
for f in projects firms allocations; do cmp input/$f.csv again/$f.csv; done
! cmp -s input/allocations.csv other/allocations.csv
$G --seed 5 --out ko --encoding cp949 --headers ko --unit million --granularity million --crlf --shuffle-columns
$G --seed 5 --out u16 --encoding utf16le --headers ko --unit thousand --granularity thousand
for d in input other ko u16; do /usr/bin/python3 "$ROOT/tests/tools/check_gen.py" $d; done
/usr/bin/python3 "$ROOT/tests/tools/check_gen.py" "$ROOT/input" --sample
""")
    case("in_sample_figures", files={}, drop=("projects", "firms", "allocations"),
         args="summary --format json --input input", exit=0, stdout=None,
         setup="#!/bin/sh\n# The committed sample data, checked against figures.py.\nset -eu\nmkdir -p input\ncp \"$ROOT\"/input/*.csv input/\n",
         check=FIGURES_CHECK)


def write_case(c):
    d = os.path.join(E2E, c["name"])
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    if c["files"]:
        os.makedirs(os.path.join(d, "input"))
    for kind, text in c["files"].items():
        with open(os.path.join(d, "input", kind + ".csv"), "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    with open(os.path.join(d, "args"), "w") as fh:
        fh.write(c["args"] + "\n")
    with open(os.path.join(d, "exit"), "w") as fh:
        fh.write("%d\n" % c["exit"])
    if c["stdout"] is not None:
        open(os.path.join(d, "stdout"), "w").write(c["stdout"])
    if c["expect"]:
        with open(os.path.join(d, "stderr"), "w", encoding="utf-8") as fh:
            fh.write("".join(x + "\n" for x in c["expect"]))
    for fname, text in c["extra"].items():
        with open(os.path.join(d, fname), "w", encoding="utf-8") as fh:
            fh.write(text)
    for script in ("setup", "check"):
        if c[script]:
            p = os.path.join(d, script)
            with open(p, "w") as fh:
                fh.write(c[script])
            os.chmod(p, 0o755)


def positions(lines):
    return [m.group(0) for m in (re.match(r"^\S+?:\d+(:\d+)?:", x) for x in lines) if m]


def bless(c):
    """Runs the case like scripts/run-tests.sh and stores the real stderr."""
    d = os.path.join(E2E, c["name"])
    smr = os.path.join(ROOT, "build", "smereport")
    env = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1735689600", ROOT=ROOT, SMR=smr)
    with tempfile.TemporaryDirectory() as w:
        work = os.path.join(w, "work")
        shutil.copytree(d, work)
        if c["setup"]:
            subprocess.run(["./setup"], cwd=work, env=env, check=True)
        r = subprocess.run("\"$SMR\" " + c["args"], shell=True, cwd=work, env=env,
                           capture_output=True, stdin=subprocess.DEVNULL)
    err = r.stderr.decode("utf-8", "replace")
    notes = []
    if r.returncode != c["exit"]:
        notes.append("exit %d, expected %d" % (r.returncode, c["exit"]))
    if c["expect"] and positions(c["expect"]) != positions(err.splitlines()):
        notes.append("positions %s, expected %s" % (positions(err.splitlines()), positions(c["expect"])))
    if c["expect"] or err:
        with open(os.path.join(d, "stderr"), "w", encoding="utf-8") as fh:
            fh.write(err)
    print("== %s%s" % (c["name"], ("  !! " + "; ".join(notes)) if notes else ""))
    sys.stdout.write("".join("   " + x + "\n" for x in err.splitlines()))


def main():
    build()
    for c in CASES:
        write_case(c)
    if "--bless" in sys.argv[1:]:
        only = [x for x in sys.argv[1:] if not x.startswith("--")]
        for c in CASES:
            if not only or c["name"] in only:
                bless(c)
    print("%d cases in %s" % (len(CASES), E2E))


if __name__ == "__main__":
    main()
