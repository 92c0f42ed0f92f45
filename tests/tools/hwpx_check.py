#!/usr/bin/python3
"""Structural check of HWPX (OWPML) packages, independent of the C writer.

    hwpx_check.py FILE...          check each package; print one line per problem
    hwpx_check.py --tables FILE    print each table row's cell texts (tab-separated)

Checks, with nothing but zipfile and xml.etree:
  - the zip: `mimetype` is the first member, stored (not deflated), and says
    application/hwp+zip; every member's CRC is right (testzip);
  - every .xml/.hpf/.rdf part is well-formed XML;
  - META-INF/container.xml's rootfiles exist; Contents/content.hpf's manifest
    lists every part under Contents/ and BinData/ and settings.xml, every item
    it lists exists, and its spine names the header and every section;
  - header.xml: each list's itemCnt is its number of children, ids are unique,
    and its own references resolve (paragraph style -> paraPr/charPr, charPr
    -> borderFill and fonts, paraPr -> borderFill and tabPr);
  - every charPrIDRef, paraPrIDRef, borderFillIDRef and styleIDRef in each
    section exists in header.xml;
  - every table's rowCnt/colCnt agree with its rows, and each cell's address
    is a free place of its own row (cells under a row span are left out).
Run by hand over the reference files 한글 writes (docs/hwpx.md) it reports
nothing, so a problem it reports in our files is one 한글 would not write.
Exit status 1 if any problem was found.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "hh": "http://www.hancom.co.kr/hwpml/2011/head",
    "hp": "http://www.hancom.co.kr/hwpml/2011/paragraph",
    "hs": "http://www.hancom.co.kr/hwpml/2011/section",
    "hc": "http://www.hancom.co.kr/hwpml/2011/core",
    "opf": "http://www.idpf.org/2007/opf/",
    "ocf": "urn:oasis:names:tc:opendocument:xmlns:container",
}
HH = "{%s}" % NS["hh"]
HP = "{%s}" % NS["hp"]
NONE_REF = "4294967295"  # "no reference" as 한글 writes it
LISTS = {  # header list element -> item element
    "fontfaces": "fontface", "borderFills": "borderFill", "charProperties": "charPr",
    "tabProperties": "tabPr", "numberings": "numbering", "bullets": "bullet",
    "paraProperties": "paraPr", "styles": "style", "memoProperties": "memoPr",
}
SECTION_REFS = {"charPrIDRef": "charPr", "paraPrIDRef": "paraPr",
                "borderFillIDRef": "borderFill", "styleIDRef": "style"}


def check_zip(z, problems):
    infos = z.infolist()
    if not infos or infos[0].filename != "mimetype":
        problems.append("mimetype is not the first member")
    else:
        if infos[0].compress_type != zipfile.ZIP_STORED:
            problems.append("mimetype is compressed (must be stored)")
        if z.read("mimetype") != b"application/hwp+zip":
            problems.append("mimetype is %r" % z.read("mimetype"))
    bad = z.testzip()
    if bad:
        problems.append("%s: bad CRC" % bad)


def parse_parts(z, problems):
    trees = {}
    for name in z.namelist():
        if name.endswith((".xml", ".hpf", ".rdf")):
            try:
                trees[name] = ET.fromstring(z.read(name))
            except ET.ParseError as e:
                problems.append("%s: not well-formed: %s" % (name, e))
    return trees


def check_package(z, trees, problems):
    names = set(z.namelist())
    cont = trees.get("META-INF/container.xml")
    if cont is None:
        problems.append("META-INF/container.xml missing")
        return None
    roots = [r.get("full-path") for r in cont.iter("{%s}rootfile" % NS["ocf"])]
    for r in roots:
        if r not in names:
            problems.append("container.xml names %s, which is not in the package" % r)
    hpf_name = next((r for r in roots if r.endswith(".hpf")), None)
    hpf = trees.get(hpf_name) if hpf_name else None
    if hpf is None:
        problems.append("no content.hpf")
        return None
    items = {}
    for it in hpf.iter("{%s}item" % NS["opf"]):
        items[it.get("id")] = it.get("href")
        if it.get("href") not in names:
            problems.append("content.hpf lists %s, which is not in the package" % it.get("href"))
    listed = set(items.values())
    for n in names:
        if (n.startswith(("Contents/", "BinData/")) or n == "settings.xml") and n != hpf_name \
                and not n.endswith("/") and n not in listed:
            problems.append("%s is not listed in content.hpf" % n)
    spine = [i.get("idref") for i in hpf.iter("{%s}itemref" % NS["opf"])]
    sections = sorted(h for h in listed if h.startswith("Contents/section"))
    header = next((h for h in listed if h.endswith("header.xml")), None)
    spined = {items.get(i) for i in spine}
    for h in sections + ([header] if header else []):
        if h not in spined:
            problems.append("%s is not in the spine of content.hpf" % h)
    return header, sections


def header_ids(head, problems):
    ids = {}
    for lst, item in LISTS.items():
        for el in head.iter(HH + lst):
            kids = [k for k in el if k.tag == HH + item]
            cnt = el.get("itemCnt")
            if cnt is not None and int(cnt) != len(kids):
                problems.append("header.xml: %s itemCnt=%s but %d %s" % (lst, cnt, len(kids), item))
            if item == "fontface":
                continue
            seen = ids.setdefault(item, set())
            for k in kids:
                if k.get("id") in seen:
                    problems.append("header.xml: %s id %s twice" % (item, k.get("id")))
                seen.add(k.get("id"))
    fonts = {}
    for ff in head.iter(HH + "fontface"):
        fonts[ff.get("lang")] = {f.get("id") for f in ff if f.tag == HH + "font"}
        if ff.get("fontCnt") is not None and int(ff.get("fontCnt")) != len(fonts[ff.get("lang")]):
            problems.append("header.xml: fontface %s fontCnt is wrong" % ff.get("lang"))
    return ids, fonts


def need(ids, kind, ref, where, problems):
    if ref is None or ref == NONE_REF:
        return
    if ref not in ids.get(kind, set()):
        problems.append("%s: %s %s does not exist in header.xml" % (where, kind, ref))


def check_header(head, problems):
    ids, fonts = header_ids(head, problems)
    for st in head.iter(HH + "style"):
        # A character style's paraPrIDRef means nothing: 한글 leaves garbage
        # there (hwpxlib corpus: 3509634932 in a file of 17 paraPr).
        if st.get("type") != "CHAR":
            need(ids, "paraPr", st.get("paraPrIDRef"), "style %s" % st.get("id"), problems)
        need(ids, "charPr", st.get("charPrIDRef"), "style %s" % st.get("id"), problems)
    for cp in head.iter(HH + "charPr"):
        need(ids, "borderFill", cp.get("borderFillIDRef"), "charPr %s" % cp.get("id"), problems)
        fr = cp.find(HH + "fontRef")
        if fr is not None:
            for lang, v in fr.attrib.items():
                if v not in fonts.get(lang.upper(), set()):
                    problems.append("charPr %s: font %s %s does not exist" % (cp.get("id"), lang, v))
    for pp in head.iter(HH + "paraPr"):
        need(ids, "tabPr", pp.get("tabPrIDRef"), "paraPr %s" % pp.get("id"), problems)
        for b in pp.iter(HH + "border"):
            need(ids, "borderFill", b.get("borderFillIDRef"), "paraPr %s" % pp.get("id"), problems)
    return ids


def check_tables(sec, where, problems):
    """rowCnt/colCnt against the rows, and each cell at a free grid slot of
    its own row, left to right (slots under a cell spanning rows are skipped,
    as 한글 writes them)."""
    for tbl in sec.iter(HP + "tbl"):
        tid = tbl.get("id")
        rows = [r for r in tbl if r.tag == HP + "tr"]
        nrows, ncols = int(tbl.get("rowCnt", -1)), int(tbl.get("colCnt", -1))
        if nrows != len(rows):
            problems.append("%s: table %s rowCnt=%d but %d rows" % (where, tid, nrows, len(rows)))
        taken = set()
        for r_i, tr in enumerate(rows):
            last = -1
            for tc in (c for c in tr if c.tag == HP + "tc"):
                addr, span = tc.find(HP + "cellAddr"), tc.find(HP + "cellSpan")
                if addr is None or span is None:
                    problems.append("%s: table %s row %d: a cell without address or span" % (where, tid, r_i))
                    break
                r, c = int(addr.get("rowAddr")), int(addr.get("colAddr"))
                cs, rs = int(span.get("colSpan", 1)), int(span.get("rowSpan", 1))
                if r != r_i or c <= last or (r, c) in taken or c + cs > ncols or r + rs > nrows:
                    problems.append("%s: table %s row %d: cell (%d, %d) is not at a free place of its row"
                                    % (where, tid, r_i, r, c))
                    break
                last = c
                taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
        if len(taken) > nrows * ncols:
            problems.append("%s: table %s covers more than rowCnt x colCnt cells" % (where, tid))


def check(path):
    problems = []
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        return ["not a zip file: %s" % e]
    with z:
        check_zip(z, problems)
        trees = parse_parts(z, problems)
        got = check_package(z, trees, problems)
        if not got:
            return problems
        header, sections = got
        head = trees.get(header)
        if head is None:
            problems.append("no header.xml")
            return problems
        ids = check_header(head, problems)
        for s in sections:
            sec = trees.get(s)
            if sec is None:
                continue
            for el in sec.iter():
                for attr, kind in SECTION_REFS.items():
                    if attr in el.attrib:
                        need(ids, kind, el.get(attr), "%s <%s>" % (s, el.tag.split("}")[1]), problems)
            check_tables(sec, s, problems)
    return problems


def t_text(t):
    """An hp:t's text as 한글 shows it: 묶음 빈칸 (hp:nbSpace) and 고정폭 빈칸
    (hp:fwSpace) are spaces, a tab element a tab."""
    out = [t.text or ""]
    for e in t:
        out.append({HP + "nbSpace": " ", HP + "fwSpace": " ", HP + "tab": "\t"}.get(e.tag, ""))
        out.append(e.tail or "")
    return "".join(out)


def cell_text(tc):
    return " ".join(t_text(t) for t in tc.iter(HP + "t")).strip()


def tables(path):
    """Each table row's cells, in document order (nested tables after their row)."""
    with zipfile.ZipFile(path) as z:
        sec = ET.fromstring(z.read("Contents/section0.xml"))
    for tr in sec.iter(HP + "tr"):
        yield [cell_text(tc) for tc in tr if tc.tag == HP + "tc"]


def main(argv):
    if len(argv) == 3 and argv[1] == "--tables":
        for row in tables(argv[2]):
            print("\t".join(row))
        return 0
    bad = 0
    for path in argv[1:]:
        for p in check(path):
            print("%s: %s" % (path, p))
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
