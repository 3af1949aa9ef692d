package org.sham4j.core.huffman;

import java.util.Arrays;

/**
 * Optimal (minimum-redundancy) prefix code lengths from symbol counts, by the in-place algorithm of
 * Moffat and Katajainen: sort, then three linear passes. A single symbol gets length 0: it needs no bits.
 */
public final class HuffmanLengths {
    private HuffmanLengths() {
    }

    /**
     * Code length of each symbol, in the order of {@code counts}. Every count must be positive.
     */
    public static int[] compute(long[] counts) {
        int n = counts.length;
        int[] lengths = new int[n];
        if (n <= 1) {
            return lengths;
        }
        // Sort symbols by ascending count (ties by index, for reproducible codes).
        long[] keyed = new long[n];
        for (int s = 0; s < n; s++) {
            if (counts[s] <= 0 || counts[s] >= (1L << 40)) {
                throw new IllegalArgumentException("symbol count " + counts[s] + " out of range 1..2^40");
            }
            keyed[s] = (counts[s] << 23) | s;
        }
        if (n > (1 << 23)) {
            throw new IllegalArgumentException("too many symbols: " + n);
        }
        Arrays.sort(keyed);
        long[] a = new long[n];
        for (int t = 0; t < n; t++) {
            a[t] = keyed[t] >>> 23;
        }
        minimumRedundancy(a);
        for (int t = 0; t < n; t++) {
            lengths[(int) (keyed[t] & ((1 << 23) - 1))] = (int) a[t];
        }
        return lengths;
    }

    /** Replaces ascending weights a[0..n) (n &gt;= 2) by their optimal code lengths. */
    private static void minimumRedundancy(long[] a) {
        int n = a.length;
        // Pass 1, left to right: combine, leaving parent pointers in internal nodes.
        a[0] += a[1];
        int root = 0;
        int leaf = 2;
        for (int next = 1; next < n - 1; next++) {
            if (leaf >= n || a[root] < a[leaf]) {
                a[next] = a[root];
                a[root++] = next;
            } else {
                a[next] = a[leaf++];
            }
            if (leaf >= n || (root < next && a[root] < a[leaf])) {
                a[next] += a[root];
                a[root++] = next;
            } else {
                a[next] += a[leaf++];
            }
        }
        // Pass 2, right to left: internal node depths.
        a[n - 2] = 0;
        for (int next = n - 3; next >= 0; next--) {
            a[next] = a[(int) a[next]] + 1;
        }
        // Pass 3, right to left: leaf depths.
        int avail = 1;
        int used = 0;
        int depth = 0;
        root = n - 2;
        int next = n - 1;
        while (avail > 0) {
            while (root >= 0 && a[root] == depth) {
                used++;
                root--;
            }
            while (avail > used) {
                a[next--] = depth;
                avail--;
            }
            avail = 2 * used;
            depth++;
            used = 0;
        }
    }
}
