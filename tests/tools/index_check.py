#!/usr/bin/python3
"""Checks a run directory's index.html with Python's html.parser.

    index_check.py RUN_DIR

  - HTML5: <!DOCTYPE html> first, <html lang="ko">, <meta charset="utf-8">
    as the first element of <head>, a viewport meta (phones), a <title>;
    every non-void element closed in order; no <script>; valid UTF-8;
  - every link is relative (no scheme, no leading "/", no "..") and names a
    file of the run; every file of the run but index.html itself is linked;
  - each release's title line, as the page shows it, is in its PDF's text
    (pdftotext) when there is a PDF, else in its HWPX's section;
  - the cancelled allocations of the period (figures.json) are shown;
  - the counts shown (projects, firms, allocations) are those of
    manifest.json, and the period label is the manifest's.
Exit status 1 with one line per problem.
"""
import html.parser
import json
import os
import re
import subprocess
import sys
import urllib.parse
import zipfile

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.stack, self.links, self.decl = [], [], [], None
        self.first_in_head = None
        self.meta = []
        self.lang = None
        self.titles = []  # (title text, [hrefs]) per release item
        self.cur = None
        self.span_t = False
        self.text = []
        self.seen_start = False

    def handle_decl(self, decl):
        if not self.seen_start:
            self.decl = decl

    def handle_starttag(self, tag, attrs):
        self.seen_start = True
        a = dict(attrs)
        if tag == "script":
            self.problems.append("a <script> element")
        if tag == "html":
            self.lang = a.get("lang")
        if self.stack and self.stack[-1] == "head" and self.first_in_head is None:
            self.first_in_head = (tag, a)
        if tag == "meta":
            self.meta.append(a)
        if tag == "a":
            self.links.append(a.get("href", ""))
            if self.cur is not None:
                self.cur[1].append(a.get("href", ""))
        if tag == "li":
            self.cur = ["", []]
        if tag == "span" and a.get("class") == "t":
            self.span_t = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> does not close <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "span":
            self.span_t = False
        if tag == "li" and self.cur is not None:
            self.titles.append(self.cur)
            self.cur = None

    def handle_data(self, data):
        self.text.append(data)
        if self.span_t and self.cur is not None:
            self.cur[0] += data


def squeeze(s):
    return re.sub(r"\s+", "", s)


def main(run):
    problems = []
    raw = open(os.path.join(run, "index.html"), "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["not UTF-8: %s" % e]
    p = Page()
    p.feed(text)
    p.close()
    problems += p.problems
    if not text.startswith("<!DOCTYPE html>"):
        problems.append("does not start with <!DOCTYPE html>")
    if p.stack:
        problems.append("elements left open: %s" % p.stack)
    if p.lang != "ko":
        problems.append('<html lang="ko"> missing')
    if not p.first_in_head or p.first_in_head[0] != "meta" or p.first_in_head[1].get("charset", "").lower() != "utf-8":
        problems.append('<meta charset="utf-8"> is not the first element of <head>')
    if not any(m.get("name") == "viewport" and "width=device-width" in m.get("content", "") for m in p.meta):
        problems.append("no viewport meta")
    if "<title>" not in text or "<title></title>" in text:
        problems.append("no title")

    files = set(os.listdir(run)) - {"index.html"}
    linked = set()
    for href in p.links:
        u = urllib.parse.urlsplit(href)
        name = urllib.parse.unquote(u.path)
        if u.scheme or u.netloc or name.startswith("/") or ".." in name.split("/"):
            problems.append("link is not relative to the run: %s" % href)
        elif not os.path.isfile(os.path.join(run, name)):
            problems.append("link to a file that is not in the run: %s" % href)
        linked.add(name)
    for f in sorted(files - linked):
        problems.append("%s is not linked" % f)

    for title, hrefs in p.titles:
        docs = [urllib.parse.unquote(h) for h in hrefs if h.startswith("release-")]
        if not docs:
            continue
        pdf = next((d for d in docs if d.endswith(".pdf")), None)
        if pdf:
            body = subprocess.run(["pdftotext", os.path.join(run, pdf), "-"], capture_output=True).stdout.decode()
        else:
            with zipfile.ZipFile(os.path.join(run, docs[0])) as z:
                body = re.sub(r"<[^>]+>", "", z.read("Contents/section0.xml").decode())
        if not title.strip() or squeeze(title) not in squeeze(body):
            problems.append("title %r is not in %s" % (title, pdf or docs[0]))

    man = json.load(open(os.path.join(run, "manifest.json"), encoding="utf-8"))
    page = " ".join(p.text)
    counts = man.get("counts", {})
    for key, counter in (("projects", "개"), ("firms", "개 사"), ("allocations", "건")):
        if key in counts and "{:,}{}".format(counts[key], counter) not in page:
            problems.append("count of %s (%s) not shown" % (key, counts[key]))
    fj = os.path.join(run, "figures.json")
    if os.path.isfile(fj):
        n = json.load(open(fj, encoding="utf-8"))["cancelled"]["allocs"]
        if not re.search(r"기간 내 취소 \(제외\)\s*{:,}건".format(n), page):
            problems.append("cancelled allocations (%d) not shown" % n)
    label = man.get("period", {}).get("label")
    if label and label != "all" and label not in page:
        problems.append("period %s not shown" % label)
    return problems


if __name__ == "__main__":
    probs = main(sys.argv[1])
    for x in probs:
        print("index.html: " + x)
    print("index_check: %d problems" % len(probs))
    sys.exit(1 if probs else 0)
