#!/usr/bin/env python3
"""SciPy's CSC product y = x^T W (W.T @ x: one sparse dot product per column) on each matrix, one thread.

Prints one line per matrix: name, nnz, the fastest of 200 single-vector products and of 200 batch-of-8
products (X @ W), in microseconds. Run it pinned, right after the JMH run it is compared with:
    taskset -c 0 python3 sham4j-bench/scripts/scipy_csc.py ../shared/data/matrices/*.mtx.gz ../shared/data/layers/*.npz
"""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import scipy.io
import scipy.sparse as sp


def load(path):
    if path.endswith(".npz"):
        z = np.load(path)
        arrays = [z[k] for k in z.files if z[k].ndim == 2]
        return sp.csc_matrix(arrays[0].astype(np.float32))
    return sp.csc_matrix(scipy.io.mmread(path)).astype(np.float32)


def fastest(f, runs=200):
    for _ in range(20):
        f()
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best * 1e6


def main(paths):
    rng = np.random.default_rng(1)
    for p in paths:
        w = load(p)
        w.sort_indices()
        wt = w.T  # CSR view of the same arrays: W.T @ x is the column-by-column dot product
        x = rng.standard_normal(w.shape[0]).astype(np.float32)
        xb = rng.standard_normal((8, w.shape[0])).astype(np.float32)
        vec = fastest(lambda: wt @ x)
        bat = fastest(lambda: xb @ w)
        name = os.path.basename(p).split(".")[0]
        print(f"{name} nnz={w.nnz} vector_us={vec:.1f} batch8_us={bat:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
