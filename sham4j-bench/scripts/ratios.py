#!/usr/bin/env python3
"""The issue's product ratios from a `sham bench --csv` file, as a Markdown table.

Per matrix: CSC's single-vector and batch-of-8 times, then sham/CSC, gsham/CSC, ham/dense and im/dense for one
vector, and sham/CSC, gsham/CSC for a batch of 8; a ratio over its target is marked with a star.
    taskset -c 0 ./sham bench ../shared/data/matrices/*.mtx.gz ../shared/data/layers/*.npz \
        --formats csc,sham,gsham,ham,im,dense --threads 1 --csv bench.csv
    python3 sham4j-bench/scripts/ratios.py bench.csv
"""
import csv
import sys

TARGETS = {"sham": 1.5, "gsham": 2.0, "ham": 1.5, "im": 1.2, "sham8": 1.2, "gsham8": 1.2}


def main(path):
    rows = list(csv.DictReader(open(path)))
    by = {(r["matrix"], r["format"]): r for r in rows}
    names = list(dict.fromkeys(r["matrix"] for r in rows))
    print("| matrix | CSC vector | CSC batch 8 | sham/CSC | gsham/CSC | ham/dense | im/dense | sham/CSC b8 | gsham/CSC b8 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for m in names:
        def t(f, key):
            return float(by[(m, f)][key])

        def ratio(f, base, key, target):
            v = t(f, key) / t(base, key)
            return f"{v:.2f}" + ("" if v <= TARGETS[target] else " *")

        print(f"| {m} | {t('csc', 'vectorNanos') / 1e3:.1f} µs | {t('csc', 'batchNanos') / 1e3:.1f} µs | "
              f"{ratio('sham', 'csc', 'vectorNanos', 'sham')} | {ratio('gsham', 'csc', 'vectorNanos', 'gsham')} | "
              f"{ratio('ham', 'dense', 'vectorNanos', 'ham')} | {ratio('im', 'dense', 'vectorNanos', 'im')} | "
              f"{ratio('sham', 'csc', 'batchNanos', 'sham8')} | {ratio('gsham', 'csc', 'batchNanos', 'gsham8')} |")


if __name__ == "__main__":
    main(sys.argv[1])
