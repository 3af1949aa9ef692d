#!/usr/bin/env python3
"""Markdown tables from `sham bench --json` over the benchmark matrices: per matrix every format (bytes, bits per
entry, the papers' own accounting, build and product times, energy, peak heap), then each matrix's smallest format
of ours against the papers' best, by their accounting and by ours. Standard library only.
    examples/paper/bench-tables.py bench5.json"""
import json
import sys

PAPERS = ["ham", "sham", "csc", "im", "cser"]


def size(b):
    for unit in ["B", "kB", "MB", "GB"]:
        if b < 1000:
            return f"{b:.3g} {unit}" if unit != "B" else f"{b:.0f} B"
        b /= 1000
    return f"{b:.3g} TB"


def ms(nanos):
    return "-" if nanos is None else f"{nanos / 1e6:,.3g}"


def main(path):
    rows = json.load(open(path))
    refused = [r for r in rows if "refused" in r]
    rows = [r for r in rows if "refused" not in r]
    matrices = list(dict.fromkeys(r["matrix"] for r in rows))
    for m in matrices:
        rs = [r for r in rows if r["matrix"] == m]
        r0 = rs[0]
        print(f"\n**{m}** ({r0['rows']:,} x {r0['cols']:,}, {r0['nnz']:,} non-zeros, {r0['distinct']:,} distinct; "
              f"information limit {r0['informationLimitBitsPerEntry']:.4f} bits/entry)\n")
        print("| format | bytes | bits/entry | papers' accounting | build s | vector ms | batch of "
              f"{r0['batch']} ms | energy µJ | peak heap |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rs:
            paper = r.get("paperBitsPerEntry")
            paper = "-" if paper is None or paper != paper else f"{paper:.4f}"
            star = "" if r.get("forked", True) else " *"
            print(f"| {r['format']} | {r['bytes']:,} | {r['bitsPerEntry']:.4f} | {paper} | "
                  f"{r['buildNanos'] / 1e9:.2f} | {ms(r['vectorNanos'])}{star} | {ms(r['batchNanos'])}{star} | "
                  f"{r['productPicojoules'] / 1e6:,.1f} | {size(r['peakHeapBytes'])} |")
        for r in refused:
            if r["matrix"] == m:
                print(f"| {r['format']} | refused: {r['refused']} | | | | | | | |")
    print("\n| matrix | papers' best (their accounting) | papers' best (sham4j's) | sham4j's smallest | "
          "ratio | met |")
    print("|---|---|---|---|---:|---|")
    for m in matrices:
        rs = [r for r in rows if r["matrix"] == m]
        theirs = min((r for r in rs if r["format"] in PAPERS), key=lambda r: r["paperBitsPerEntry"])
        ours_of_theirs = min((r for r in rs if r["format"] in PAPERS), key=lambda r: r["bitsPerEntry"])
        best = min(rs, key=lambda r: r["bitsPerEntry"])
        bar = min(theirs["paperBitsPerEntry"], ours_of_theirs["bitsPerEntry"])
        print(f"| {m} | {theirs['format']} {theirs['paperBitsPerEntry']:.4f} | {ours_of_theirs['format']} "
              f"{ours_of_theirs['bitsPerEntry']:.4f} | {best['format']} {best['bitsPerEntry']:.4f} | "
              f"{bar / best['bitsPerEntry']:.2f}x | {'met' if best['bitsPerEntry'] < bar else 'missed'} |")


if __name__ == "__main__":
    main(sys.argv[1])
