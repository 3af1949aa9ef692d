package org.sham4j.core.quant;

import java.util.Random;

/** Seeded synthetic weights. */
final class TestWeights {
    private TestWeights() {
    }

    static float[] gaussian(int n, double scale, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (r.nextGaussian() * scale);
        }
        return w;
    }

    static float[] laplacian(int n, double scale, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() - 0.5;
            w[i] = (float) (-scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        return w;
    }

    /** Gaussian weights of which about a fraction {@code zeros} are exactly 0. */
    static float[] pruned(int n, double zeros, long seed) {
        float[] w = gaussian(n, 0.1, seed);
        Random r = new Random(seed + 1);
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < zeros) {
                w[i] = 0f;
            }
        }
        return w;
    }

    /** Sum of squared differences between weights and their quantized values. */
    static double sse(float[] w, Quantization q) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            double e = (double) w[i] - q.value(i);
            s += e * e;
        }
        return s;
    }
}
