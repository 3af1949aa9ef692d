package org.sham4j.core.quant;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Probabilistic weight sharing (PWS): the codebook is k quantiles of the weights, from the smallest to the
 * largest, splitting them into k-1 intervals; a weight w in [a, b] becomes b with probability
 * (w - a)/(b - a) and a otherwise, so its expected quantized value is w. Draws come from a generator seeded
 * anew for each call, in the order of the layers and of the weights: the same input and seed give the same
 * result. With k = 1 the single shared value is the mean, unbiased only on average.
 */
public final class PwsQuantizer extends HistogramQuantizer {
    private final long seed;

    public PwsQuantizer(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "pws";
    }

    @Override
    Codes fit(Histogram h, int k) {
        int d = h.size();
        if (k == 1) {
            return Partition.ofMeans(h, new int[] {0, d}, 1);
        }
        long last = h.total() - 1;
        float[] q = new float[k];
        int r = 0;
        for (int i = 0; i < k; i++) {
            float v = h.value(h.indexOfRank(Math.round((double) i * last / (k - 1))));
            if (r == 0 || v > q[r - 1]) {
                q[r++] = v;
            }
        }
        return new StochasticRounding(Arrays.copyOf(q, r), new SplittableRandom(seed));
    }

    /** Unbiased random rounding to the two codebook values around a weight. */
    private static final class StochasticRounding implements Codes {
        private final float[] codebook;
        private final SplittableRandom rng;

        StochasticRounding(float[] codebook, SplittableRandom rng) {
            this.codebook = codebook;
            this.rng = rng;
        }

        @Override
        public float[] codebook() {
            return codebook;
        }

        @Override
        public int code(float w) {
            int t = Codes.floorIndex(codebook, w);
            if (codebook[t] == w) {
                return t;
            }
            double up = ((double) w - codebook[t]) / ((double) codebook[t + 1] - codebook[t]);
            return rng.nextDouble() < up ? t + 1 : t;
        }
    }
}
