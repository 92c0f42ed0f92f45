#!/usr/bin/python3
"""pdf_flow.py — the page-flow rules of the releases (render/pdf/pdf_layout.c),
read back from the PDFs' word boxes (pdftotext -bbox-layout):

- no paragraph leaves its first line alone at a page's foot (orphan) or its
  last line alone at the next page's top (widow);
- a table continued on the next page repeats its header there, and neither
  part has fewer than three rows; no page ends with a table's header;
- no page begins with a note (※) when the page before ends with a table's
  or a chart's row: such notes explain it and stay on its page (a
  release's last page once held only "※ 기업명 가나다순 …");
- a title row keeps at least 80 % of the title size, a title broken in two
  never leaves one word alone on a row, and none takes three rows;
- paragraphs are justified: a row that another row of its paragraph follows
  reaches the right edge unless too loose to fill, and pdftotext reads each
  such row in order (its widened spaces are not taken for columns);
- no paragraph ends with a runt: a last row narrower than two and a half
  times the text's height ("제외" alone under a full row) when the row
  before has words to give it;
- no figure is split between two rows of a paragraph: "약" and its number,
  a number and its counter (원, 개 사, 건, 명, 곳, 분야, 프로젝트), the parts of
  an amount (98억 | 7654만 원) or of a date (2026. | 9. 30., 2025년 | 3분기), nor a list
  label from its item (④ | 수출바우처).

Rows are rebuilt from the words' vertical centres (pdftotext may cut one row
in several lines). A paragraph is recognised by its marker (□ ○ - ※ ...) as
the first word of a row; its continuation rows start where the marker's
text does, with no marker, at the same height.

Usage: pdf_flow.py [--min-splits N] FILE.pdf...
Exit 1 on a violation, or when fewer than N paragraphs or fewer than N
tables cross a page break in all the files together: a corpus that never
puts one across a page says nothing about the rules."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
MARKERS = {"□", "○", "-", "※", "▪", "■", "◦", "·", "•", "◆", "◇", "ㅇ"}
FOOTER = re.compile(r"^-\s*\d+\s*-$")


class Line:
    """One visual row of words: pdftotext may cut a row into several lines
    (a word from another face, a wide gap), so rows are rebuilt from the
    words' vertical centres."""
    def __init__(self, words):
        self.words = sorted((x, t) for x, t, _, _, _ in words)
        ends = sorted((x, x1) for x, _, _, _, x1 in words)
        # the widest gap between two words: a table's or chart's cells, not a paragraph's spaces
        self.gap = max((b[0] - a[1] for a, b in zip(ends, ends[1:])), default=0.0)
        self.x = self.words[0][0]
        self.x1 = max(x1 for _, _, _, _, x1 in words)
        self.boxes = sorted((x, x1, t) for x, t, _, _, x1 in words)
        self.y = min(y for _, _, y, _, _ in words)
        hs = sorted(h for _, _, _, h, _ in words)
        self.h = hs[len(hs) // 2]
        self.grid = self.gap > 2 * self.h
        self.text = " ".join(t for _, t in self.words)

    def marker(self):
        return len(self.words) > 1 and self.words[0][1] in MARKERS

    def text_x(self):
        return self.words[1][0] if self.marker() else self.x


def pages(path):
    out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True,
                         check=True).stdout
    result = []
    for pg in ET.fromstring(out).iter(NS + "page"):
        words = []
        for w in pg.iter(NS + "word"):
            y0, y1 = float(w.get("yMin")), float(w.get("yMax"))
            words.append((float(w.get("xMin")), w.text or "", y0, y1 - y0, float(w.get("xMax")),
                          (y0 + y1) / 2))
        words.sort(key=lambda w: w[5])
        rows, cur = [], []
        for w in words:
            if cur and w[5] - cur[-1][5] > 3.0:
                rows.append(cur)
                cur = []
            cur.append(w)
        if cur:
            rows.append(cur)
        lines = [Line([w[:5] for w in r]) for r in rows]
        lines = [l for l in lines if not FOOTER.match(l.text)]
        result.append(lines)
    return result


def near(a, b, tol=0.6):
    return abs(a - b) <= tol


def alone_on_its_row(lines, i):
    """A table row puts several lines at one height; a paragraph line is alone."""
    return all(j == i or not near(lines[j].y, lines[i].y, 1.0) for j in range(len(lines)))


def continues(line, text_x, h):
    return not line.marker() and near(line.x, text_x) and near(line.h, h, 0.3)


def paragraph_tail(lines):
    """(lines of the paragraph that ends page, its text x and line height), or None."""
    i = len(lines) - 1
    if i < 0 or not alone_on_its_row(lines, i):
        return None
    k = i
    while k >= 0 and not lines[k].marker():
        k -= 1
    if k < 0 or not alone_on_its_row(lines, k):
        return None
    head = lines[k]
    tx, h = head.text_x(), head.h
    if not all(continues(lines[j], tx, h) and alone_on_its_row(lines, j) for j in range(k + 1, i + 1)):
        return None
    return i - k + 1, tx, h


def paragraphs(name, ps):
    """Widows and orphans: (problems, paragraphs split across a page)."""
    bad, splits = [], 0
    for n in range(len(ps) - 1):
        tail = paragraph_tail(ps[n])
        if not tail:
            continue
        before, tx, h = tail
        nxt = ps[n + 1]
        after = 0
        while after < len(nxt) and continues(nxt[after], tx, h):
            after += 1
        if after == 0:
            continue
        splits += 1
        what = "%s: paragraph across pages %d/%d (%d + %d lines)" % (name, n + 1, n + 2, before, after)
        if before < 2:
            bad.append(what + ": its first line alone at the foot (orphan): " + ps[n][-1].text[:30])
        if after < 2:
            bad.append(what + ": its last line alone at the top (widow): " + nxt[0].text[:30])
    return bad, splits


def data_rows(lines, start):
    """Rows of a table from lines[start] on: the same height as the first."""
    n = 0
    while start + n < len(lines) and near(lines[start + n].h, lines[start].h, 0.3) \
            and lines[start + n].words[0][1] not in MARKERS:
        n += 1
    return n


def tables(name, ps):
    """A table continued on the next page repeats its header there; neither
    the part before the break nor the part after it has fewer than three
    rows. (problems, tables split across a page)."""
    bad, splits = [], 0
    for n in range(len(ps) - 1):
        nxt = ps[n + 1]
        if not nxt:
            continue
        head = nxt[0].text
        at = [i for i, l in enumerate(ps[n]) if l.text == head]
        if not at or at[-1] + 1 >= len(ps[n]):
            if at:
                bad.append("%s: page %d ends with the header of a table" % (name, n + 1))
            continue
        i = at[-1] + 1
        before = data_rows(ps[n], i)
        if i + before != len(ps[n]):
            continue  # the table ends on this page; the next starts with a header like it
        after = data_rows(nxt, 1) if len(nxt) > 1 and near(nxt[1].h, ps[n][i].h, 0.3) else 0
        splits += 1
        what = "%s: table across pages %d/%d (%d + %d rows)" % (name, n + 1, n + 2, before, after)
        if before < 3:
            bad.append(what + ": fewer than three rows under its header at the foot")
        if after < 3:
            bad.append(what + ": fewer than three rows on the last page")
    return bad, splits


COUNTER = re.compile(r"^(원|사|건|명|곳|분야|개|프로젝트)($|[은는이가을를에의과와로으도만,.)(])")
NUMBER = re.compile(r"[0-9][0-9,.]*[조억만천개]*$")


def figure_split(a, b):
    """Why the words a (ending a row) and b (starting the next) split one
    figure, or None."""
    if re.search(r"(^|[^가-힣0-9A-Za-z])약$", a) and b[:1].isdigit():
        return "약 and its number"
    if NUMBER.search(a) and COUNTER.match(b):
        return "a number and its counter"
    if re.search(r"[0-9][조억만]$", a) and b[:1].isdigit():
        return "the parts of an amount"
    if re.search(r"(^|[^0-9])(20[0-9]{2}|[0-9]{1,2})\.$", a) and re.match(r"[0-9]{1,2}\.", b):
        return "the parts of a date"
    if re.search(r"(^|[^0-9])20[0-9]{2}년$", a) and re.match(r"[0-9]", b):
        return "a year and its quarter or month"
    if re.fullmatch(r"[\u2460-\u2473]|\([0-9]+\)", a):
        return "a list label and its item"
    return None


def figures(name, ps):
    """Rows of one paragraph (a row alone at its height followed by one that
    continues it: no marker, same height) never split a figure. (problems,
    row breaks inside paragraphs)."""
    bad, breaks = [], 0
    for n, lines in enumerate(ps):
        for i in range(len(lines) - 1):
            cur, nxt = lines[i], lines[i + 1]
            if nxt.marker() or not near(nxt.h, cur.h, 0.3) or not alone_on_its_row(lines, i) \
                    or not alone_on_its_row(lines, i + 1) or nxt.y - cur.y > 2.5 * cur.h:
                continue
            breaks += 1
            why = figure_split(cur.words[-1][1], nxt.words[0][1])
            if why:
                bad.append("%s: page %d splits %s between two rows: %r | %r"
                           % (name, n + 1, why, cur.text[-30:], nxt.text[:30]))
    return bad, breaks


def runts(name, ps):
    """A paragraph's last row (one that continues the row above it and is
    followed by no row continuing it on its page) narrower than 2.5 times its
    height, under a row of three words or more: problems."""
    bad = []
    for n, lines in enumerate(ps):
        for i in range(1, len(lines) - 1):
            cur, prev, nxt = lines[i], lines[i - 1], lines[i + 1]
            if cur.marker() or not near(cur.h, prev.h, 0.3) or not alone_on_its_row(lines, i) \
                    or not alone_on_its_row(lines, i - 1) or cur.y - prev.y > 2.5 * cur.h \
                    or not near(cur.x, prev.text_x()):
                continue
            if continues(nxt, cur.x, cur.h) and alone_on_its_row(lines, i + 1) \
                    and nxt.y - cur.y <= 2.5 * cur.h:
                continue
            if cur.x1 - cur.x < 2.5 * cur.h and len(prev.words) >= 3:
                bad.append("%s: page %d ends a paragraph with a runt: %r | %r"
                           % (name, n + 1, prev.text[-30:], cur.text))
    return bad


def paragraph_rows(lines):
    """(row, next row) pairs of one paragraph on a page: from a row with a
    marker (□ ○ - ※ ■ …), each row alone at its height followed by one with
    no marker at the marker's text x, at its height, a line below. A table
    cell's wrapped lines have no marker above them."""
    head = None
    for i in range(len(lines) - 1):
        cur, nxt = lines[i], lines[i + 1]
        if cur.marker():
            head = cur
        if head is None:
            continue
        if nxt.marker() or not near(nxt.h, cur.h, 0.3) or not alone_on_its_row(lines, i) \
                or not alone_on_its_row(lines, i + 1) or nxt.y - cur.y > 2.5 * cur.h \
                or not near(nxt.x, head.text_x()) or cur.gap > 1.2 * cur.h or nxt.gap > 1.2 * nxt.h:
            head = None  # the paragraph ends (a justified row's spaces stay under 1 em)
            continue
        yield cur, nxt


def justified(name, ps):
    """Paragraphs are justified (양쪽 정렬, as the HWPX): a row that another
    row of its paragraph follows reaches the right edge of its text block,
    unless it is too loose to fill, as the layout decides: a space it may
    break at (not inside a figure: figure_split) widened by more than 0.6 em
    (the em taken as the word box's height / 1.15, with a tenth to spare).
    The edge is the body's (the rightmost row end), or a box's: the end two
    rows or more starting at the same x share short of it. Problems."""
    rows = [cur for lines in ps for cur, _ in paragraph_rows(lines)]
    if not rows:
        return []
    body = max(r.x1 for r in rows)
    ends = {}
    for r in rows:
        ends.setdefault(round(r.x), []).append(r.x1)
    edge = {}
    for k, xs in ends.items():
        top = max(xs)
        shared = sum(1 for x in xs if abs(x - top) < 0.3)
        edge[k] = top if top < body - 1.5 and shared >= 2 else body
    bad = []
    for r in rows:
        short = edge[round(r.x)] - r.x1
        boxes = r.boxes[1 if r.marker() else 0:]
        # spaces (not a face change inside a word, "50" | "⁺」") outside a figure
        gaps = sum(1 for a, b in zip(boxes, boxes[1:])
                   if b[0] - a[1] > 0.15 * r.h and not figure_split(a[2], b[2]))
        if 1.5 < short <= 0.9 * 0.6 * (r.h / 1.15) * gaps:
            bad.append("%s: a paragraph row %.1f pt short of the right edge (not justified): %r"
                       % (name, short, r.text[:40]))
    return bad


def reading_order(name, path, ps):
    """A justified row's widened spaces must not make a text reader take its
    words for columns: each paragraph row's words, in order, are one run of
    pdftotext's plain text (spaces and line ends aside). Problems."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                         check=True).stdout.decode()
    flat = "".join(raw.split())
    bad = []
    for n, lines in enumerate(ps):
        for cur, _ in paragraph_rows(lines):
            row = "".join(t for _, t in cur.words)
            if len(cur.words) >= 3 and row not in flat:
                bad.append("%s: page %d: a text reader does not read this row in order: %r"
                           % (name, n + 1, cur.text[:40]))
    return bad


row_breaks = 0


def check(paths):
    bad, splits, tsplits = [], 0, 0
    global row_breaks
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        ps = pages(path)
        b, s = figures(name, ps)
        bad += b
        row_breaks += s
        b, s = paragraphs(name, ps)
        bad += b
        splits += s
        b, s = tables(name, ps)
        bad += b
        tsplits += s
        bad += titles(name, ps[0])
        bad += runts(name, ps)
        bad += justified(name, ps)
        bad += reading_order(name, path, ps)
        bad += ["%s: page %d begins with a note, apart from the table or chart it explains: %s"
                % (name, n + 1, lines[0].text[:40])
                for n, lines in enumerate(ps) if n > 0 and lines and lines[0].words[0][1] == "※"
                and ps[n - 1] and ps[n - 1][-1].grid]
    return bad, splits, tsplits


def titles(name, lines):
    """The title rows: between the header box (the 보도시점 row) and the
    first subtitle or paragraph. A title set smaller keeps 80 % of the
    largest title's size; one broken in two never leaves a single word on
    its second row; none takes three rows."""
    top = next((i for i, l in enumerate(lines) if l.words[0][1] == "보도시점"), None)
    if top is None:
        return ["%s: no 보도시점 row on the first page" % name]
    rows = []
    for l in lines[top + 1:]:
        if l.words[0][1] in MARKERS:
            break
        rows.append(l)
    if not rows:
        return ["%s: no title" % name]
    bad = []
    hmax = max(l.h for l in rows)
    run = 1
    for i, l in enumerate(rows):
        if l.h < 0.8 * hmax - 0.5:
            bad.append("%s: title row %r set below 80 %% of the title size" % (name, l.text))
        if len(l.words) < 2:
            bad.append("%s: title row of one word: %r" % (name, l.text))
        run = run + 1 if i and near(l.h, rows[i - 1].h, 0.3) and l.h < hmax - 0.3 else 1
        if run > 2:
            bad.append("%s: a title on three rows or more: %r" % (name, l.text))
    return bad


def main():
    args = sys.argv[1:]
    need = 0
    if args[:1] == ["--min-splits"]:
        need, args = int(args[1]), args[2:]
    bad, splits, tsplits = check(args)
    for b in bad:
        print(b)
    print("pdf_flow: %d files, %d paragraphs and %d tables across a page break, "
          "%d row breaks inside paragraphs, %d problems" % (len(args), splits, tsplits, row_breaks, len(bad)))
    if splits < need or tsplits < need:
        print("pdf_flow: expected at least %d of each across a page break" % need)
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
