package org.sham4j.core.quant;

import java.util.Arrays;

/**
 * Lloyd iterations on a histogram, optionally entropy-constrained (Chou, Lookabaugh &amp; Gray 1989): a value
 * x goes to the centre c minimising (x - c)<sup>2</sup> + lambda * (-log2 p<sub>c</sub>), p<sub>c</sub> being
 * the share of the weights in c's cluster; then every centre moves to the mean of its cluster. With lambda = 0
 * these are plain k-means iterations. The regions are intervals (the lower envelope of one line per centre),
 * so an iteration costs O(k log d) with the prefix sums of the histogram. Empty clusters are dropped.
 */
final class Lloyd {
    /**
     * Centre updates at most (iterations times centres), besides stopping as soon as the partition no longer
     * changes: one-dimensional Lloyd iterations creep, tens of thousands of them are common.
     */
    static final long MAX_UPDATES = 200_000_000L;
    /** Iterations at most. */
    static final int MAX_ITERATIONS = 100_000;
    private static final double LN2 = Math.log(2);

    private Lloyd() {
    }

    /** Iterates from strictly increasing centres to a fixed point or the iteration limit. */
    static Partition run(Histogram h, double[] centres, double lambda) {
        int d = h.size();
        double total = h.total();
        int r = centres.length;
        double[] c = centres.clone();
        double[] penalty = new double[r];
        int[] hull = new int[r];
        int[] starts = new int[r + 1];
        int[] previous = new int[r + 1];
        int previousRuns = -1;
        int runs = 0;
        long limit = Math.min(MAX_ITERATIONS, Math.max(100, MAX_UPDATES / r));
        for (long it = 0; it < limit; it++) {
            int m = 0;
            for (int j = 0; j < r; j++) {
                while (m >= 2 && cross(c, penalty, hull[m - 2], j) <= cross(c, penalty, hull[m - 2], hull[m - 1])) {
                    m--;
                }
                hull[m++] = j;
            }
            runs = 0;
            for (int t = 0; t < m; t++) {
                int end = t == m - 1 ? d : h.upperBound(cross(c, penalty, hull[t], hull[t + 1]));
                if (end > starts[runs]) {
                    starts[++runs] = end;
                }
            }
            if (runs == previousRuns && Arrays.equals(starts, 0, runs + 1, previous, 0, runs + 1)) {
                break;
            }
            System.arraycopy(starts, 0, previous, 0, runs + 1);
            previousRuns = runs;
            r = runs;
            for (int t = 0; t < runs; t++) {
                c[t] = h.mean(starts[t], starts[t + 1]);
                penalty[t] = lambda == 0 ? 0 : -lambda * Math.log(h.count(starts[t], starts[t + 1]) / total) / LN2;
            }
        }
        return Partition.ofMeans(h, starts, runs);
    }

    /** Where the penalised distances to centres a &lt; b are equal: a wins below, b above. */
    private static double cross(double[] c, double[] penalty, int a, int b) {
        return 0.5 * (c[a] + c[b]) + (penalty[b] - penalty[a]) / (2 * (c[b] - c[a]));
    }
}
