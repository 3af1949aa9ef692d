package org.sham4j.core.quant;

/**
 * Uniform quantization (UQ, Choi et al.): w becomes delta * round((w + o)/delta) - o for an offset o that is
 * a fixed fraction of delta, the step delta being the smallest found (by bisection) for which at most k levels
 * are used. The shared values are thus evenly spaced (levels no weight falls in are left out). With offset 0
 * the level 0 exists, so small non-zero weights may become 0 and the codebook may hold 0.
 */
public final class UniformQuantizer extends HistogramQuantizer {
    private static final int BISECTIONS = 100;

    private final double offset;

    /** Offset 0: plain rounding to multiples of delta. */
    public UniformQuantizer() {
        this(0);
    }

    /** The offset as a fraction of delta, in (-1/2, 1/2); any non-zero offset keeps every level off 0. */
    public UniformQuantizer(double offset) {
        if (!(offset > -0.5 && offset < 0.5)) {
            throw new IllegalArgumentException("offset must be in (-0.5, 0.5), got " + offset);
        }
        this.offset = offset;
    }

    @Override
    public String name() {
        return "uq";
    }

    @Override
    Codes fit(Histogram h, int k) {
        double min = h.value(0);
        double max = h.value(h.size() - 1);
        double lo = 0;
        double hi = 2 * Math.max(Math.max(max, 0) / (0.5 - offset), Math.max(-min, 0) / (0.5 + offset));
        for (int it = 0; it < BISECTIONS && lo < hi * (1 - 1e-12); it++) {
            double mid = 0.5 * (lo + hi);
            if (levels(h, mid, k, null, null) <= k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        int[] starts = new int[k + 1];
        double[] values = new double[k];
        int runs = levels(h, hi, k, starts, values);
        return Partition.of(h, starts, runs, values);
    }

    /**
     * Counts the levels used at step delta, stopping past limit; fills the runs of distinct values of each
     * level and the level values if the arrays are given.
     */
    private int levels(Histogram h, double delta, int limit, int[] starts, double[] values) {
        int d = h.size();
        int runs = 0;
        int i = 0;
        while (i < d) {
            if (runs == limit) {
                return limit + 1;
            }
            double n = level(h.value(i), delta);
            int lo = i + 1;
            int hi = d;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (level(h.value(mid), delta) <= n) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (starts != null) {
                starts[runs] = i;
                values[runs] = delta * (n - offset);
            }
            runs++;
            i = lo;
        }
        if (starts != null) {
            starts[runs] = d;
        }
        return runs;
    }

    private double level(float w, double delta) {
        return Math.floor(w / delta + offset + 0.5);
    }
}
