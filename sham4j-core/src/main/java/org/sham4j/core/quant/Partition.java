package org.sham4j.core.quant;

import java.util.Arrays;

/**
 * A split of the distinct values of a histogram into runs of consecutive values, each replaced by one shared
 * value. Every deterministic quantizer here produces one: for a squared error the best clusters of a sorted
 * line are intervals. A weight is coded by binary search over the lowest value of each run.
 */
final class Partition implements Codes {
    private final int[] starts;
    private final float[] codebook;
    private final float[] lows;

    private Partition(int[] starts, float[] codebook, float[] lows) {
        this.starts = starts;
        this.codebook = codebook;
        this.lows = lows;
    }

    /**
     * Runs {@code starts[t] .. starts[t+1]-1} for t &lt; r, with {@code starts[0] = 0}, {@code starts[r] = d},
     * and increasing shared values {@code centres[t]}. Empty runs are dropped, and runs whose values round to
     * the same float are merged.
     */
    static Partition of(Histogram h, int[] starts, int runs, double[] centres) {
        int[] s = new int[runs + 1];
        float[] code = new float[runs];
        float[] low = new float[runs];
        int r = 0;
        for (int t = 0; t < runs; t++) {
            if (starts[t + 1] == starts[t]) {
                continue;
            }
            float c = (float) centres[t];
            if (r > 0 && c == code[r - 1]) {
                continue;
            }
            s[r] = starts[t];
            code[r] = c;
            low[r] = h.value(starts[t]);
            r++;
        }
        s[r] = h.size();
        return new Partition(Arrays.copyOf(s, r + 1), Arrays.copyOf(code, r),
                Arrays.copyOf(low, r));
    }

    /** Runs with their means as shared values. */
    static Partition ofMeans(Histogram h, int[] starts, int runs) {
        double[] c = new double[runs];
        for (int t = 0; t < runs; t++) {
            if (starts[t + 1] > starts[t]) {
                c[t] = h.mean(starts[t], starts[t + 1]);
            }
        }
        return of(h, starts, runs, c);
    }

    /** Every distinct value its own cluster: no error. */
    static Partition identity(Histogram h) {
        int d = h.size();
        int[] s = new int[d + 1];
        double[] c = new double[d];
        for (int t = 0; t < d; t++) {
            s[t] = t;
            c[t] = h.value(t);
        }
        s[d] = d;
        return of(h, s, d, c);
    }

    /** Number of clusters. */
    int size() {
        return codebook.length;
    }

    /** Empirical entropy in bits of the cluster of a weight drawn from the histogram. */
    double entropy(Histogram h) {
        double[] counts = new double[size()];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = h.count(starts[t], starts[t + 1]);
        }
        return Stats.entropy(counts);
    }

    @Override
    public float[] codebook() {
        return codebook;
    }

    @Override
    public int code(float w) {
        return Codes.floorIndex(lows, w);
    }
}
