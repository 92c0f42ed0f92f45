#!/usr/bin/python3
"""compare_figures.py — checks smereport's figures (the JSON of
`smereport summary --format json`, i.e. figures.json) against the
independent reading of tests/tools/figures.py, and optionally against a
second smereport JSON made from the same data in another presentation.

    compare_figures.py --input DIR [--period P] [--project ID]... SMR.json [OTHER.json]

Compared: totals, cumulative, cancelled, each project's budget, period and cumulative
{firms, allocs, amount, executed, selected}, each instrument's {projects,
firms, allocs, amount, executed}. With OTHER.json, the two JSON trees must be
equal except for "inputs" (paths, encodings, sizes, hashes) and "run".
Exits 0 when everything matches; otherwise prints each difference and exits 1.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures  # noqa: E402

PKEYS = ("firms", "allocs", "amount", "executed", "selected")
IKEYS = ("projects", "firms", "allocs", "amount", "executed")
TKEYS = ("projects", "firms", "instruments", "allocs", "amount", "executed", "selected")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--period", default=None)
    ap.add_argument("--project", action="append")
    ap.add_argument("smr")
    ap.add_argument("other", nargs="?")
    a = ap.parse_args()
    smr = json.load(open(a.smr, encoding="utf-8"))
    per = a.period or smr.get("period", {}).get("label", "all")
    want = figures.compute(a.input, per, False, a.project)
    cum = figures.compute(a.input, per, True, a.project)
    bad = []

    def cmp(where, got, exp):
        if got != exp:
            bad.append("%s: smereport %r, figures.py %r" % (where, got, exp))

    for k in TKEYS:
        cmp("totals." + k, smr["totals"].get(k), want["totals"][k])
        cmp("cumulative." + k, smr["cumulative"].get(k), cum["totals"][k])
    for k in ("allocs", "amount"):
        cmp("cancelled." + k, smr["cancelled"].get(k), want["cancelled"][k])
    got_projects = {p["id"]: p for p in smr["projects"]}
    cmp("project ids", sorted(got_projects), sorted(want["projects"]))
    for pid, exp in want["projects"].items():
        p = got_projects.get(pid)
        if p is None:
            continue
        cmp("projects[%s].budget" % pid, p.get("budget"), exp["budget"])
        for k in PKEYS:
            cmp("projects[%s].%s" % (pid, k), p.get(k), exp[k])
            cmp("projects[%s].cum.%s" % (pid, k), p["cum"].get(k), cum["projects"][pid][k])
    got_instr = {i["name"]: i for i in smr["instruments"]}
    for name in sorted(set(got_instr) | set(want["instruments"])):
        g = got_instr.get(name, {})
        e = want["instruments"].get(name, {})
        for k in IKEYS:
            cmp("instruments[%s].%s" % (name, k), g.get(k, 0), e.get(k, 0))

    if a.other:
        other = json.load(open(a.other, encoding="utf-8"))
        for t in (smr, other):
            t.pop("inputs", None)
            t.pop("run", None)
        if smr != other:
            for k in sorted(set(smr) | set(other)):
                if smr.get(k) != other.get(k):
                    bad.append("the two smereport outputs differ in %r" % k)

    for b in bad[:40]:
        print(b)
    if bad:
        print("%d difference(s)" % len(bad))
        return 1
    print("figures match (%d allocations, %d won)" % (want["totals"]["allocs"], want["totals"]["amount"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
