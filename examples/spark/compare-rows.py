#!/usr/bin/env python3
"""Compares the rows of two sweep folders (a local sweep and a Spark one), timings aside: same keys, same fields.
Exits 1 when they differ. Standard library only.
    examples/spark/compare-rows.py out/spark16-local out/spark16-spark"""
import json
import sys

TIMING = {"timeRatio", "wallSeconds", "finishedAt", "batchNanos", "baseBatchNanos", "stages"}


def rows(folder):
    out = {}
    with open(folder + "/results.jsonl") as f:
        for line in f:
            r = json.loads(line)
            for t in TIMING:
                r.pop(t, None)
            out[r["key"]] = r
    return out


def main(a_dir, b_dir):
    a, b = rows(a_dir), rows(b_dir)
    print(f"{len(a)} rows in {a_dir}, {len(b)} in {b_dir}; same keys: {a.keys() == b.keys()}")
    diff = [k for k in a if k in b and a[k] != b[k]]
    print(f"rows differing (timings aside): {len(diff)}")
    for k in diff[:3]:
        print(k, {f: (a[k].get(f), b[k].get(f)) for f in set(a[k]) | set(b[k]) if a[k].get(f) != b[k].get(f)})
    return 0 if a.keys() == b.keys() and not diff else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
