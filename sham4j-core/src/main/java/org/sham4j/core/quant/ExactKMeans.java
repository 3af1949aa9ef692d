package org.sham4j.core.quant;

/**
 * Optimal 1-D k-means ("cws-dp"): the partition of the sorted distinct values into k runs with the least
 * squared error, by dynamic programming over prefix sums (as Ckmeans.1d.dp, Wang &amp; Song 2011). Row m of the
 * table holds the least error of m clusters over each prefix; since the squared error of a run satisfies the
 * quadrangle inequality, the best last split is monotone in the prefix, and each row is filled by divide and
 * conquer in O(d log d). The splits are kept as monotone sequences of about 2 bits per entry, so memory is
 * O(d) doubles plus k*d/4 bytes. The result is at least as good as any Lloyd run.
 */
public final class ExactKMeans extends HistogramQuantizer {

    @Override
    public String name() {
        return "cws-dp";
    }

    @Override
    Codes fit(Histogram h, int k) {
        int d = h.size();
        double[] prev = new double[d + 1];
        double[] cur = new double[d + 1];
        int[] arg = new int[d + 1];
        for (int j = 1; j <= d; j++) {
            prev[j] = h.sse(0, j);
        }
        MonotoneInts[] split = new MonotoneInts[k];
        for (int m = 2; m < k; m++) {
            new Row(h, prev, cur, arg).solve(m, d, m - 1, d - 1);
            split[m] = MonotoneInts.encode(arg, m, d + 1, m - 1);
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        int[] starts = new int[k + 1];
        starts[k] = d;
        if (k > 1) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = k - 1; i < d; i++) {
                double v = prev[i] + h.sse(i, d);
                if (v < best) {
                    best = v;
                    starts[k - 1] = i;
                }
            }
            for (int m = k - 1; m >= 2; m--) {
                starts[m - 1] = split[m].get(starts[m] - m);
            }
        }
        return Partition.ofMeans(h, starts, k);
    }

    /** Fills one row: cur[j] = min over i &lt; j of prev[i] + sse(i, j), with the least such i in arg[j]. */
    private static final class Row {
        private final Histogram h;
        private final double[] prev;
        private final double[] cur;
        private final int[] arg;

        Row(Histogram h, double[] prev, double[] cur, int[] arg) {
            this.h = h;
            this.prev = prev;
            this.cur = cur;
            this.arg = arg;
        }

        void solve(int jLo, int jHi, int iLo, int iHi) {
            if (jLo > jHi) {
                return;
            }
            int mid = (jLo + jHi) >>> 1;
            int top = Math.min(iHi, mid - 1);
            double best = Double.POSITIVE_INFINITY;
            int bestI = iLo;
            for (int i = iLo; i <= top; i++) {
                double v = prev[i] + h.sse(i, mid);
                if (v < best) {
                    best = v;
                    bestI = i;
                }
            }
            cur[mid] = best;
            arg[mid] = bestI;
            solve(jLo, mid - 1, iLo, bestI);
            solve(mid + 1, jHi, bestI, iHi);
        }
    }
}
