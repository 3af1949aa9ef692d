package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExactKMeansTest {

    /** Least squared error over all splits of the sorted distinct values into k runs, by enumeration. */
    private static double bruteForce(float[] w, int k) {
        float[] s = w.clone();
        Arrays.sort(s);
        float[] distinct = new float[s.length];
        int d = 0;
        for (float v : s) {
            if (d == 0 || v != distinct[d - 1]) {
                distinct[d++] = v;
            }
        }
        return best(s, Arrays.copyOf(distinct, d), 0, k);
    }

    private static int distinctCount(float[] w) {
        float[] s = w.clone();
        Arrays.sort(s);
        int d = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                d++;
            }
        }
        return d;
    }

    /** Best error of the weights with values distinct[from..] in k runs. */
    private static double best(float[] sorted, float[] distinct, int from, int k) {
        if (k == 1) {
            return sse(sorted, distinct[from], distinct[distinct.length - 1]);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int cut = from + 1; cut <= distinct.length - k + 1; cut++) {
            best = Math.min(best, sse(sorted, distinct[from], distinct[cut - 1]) + best(sorted, distinct, cut, k - 1));
        }
        return best;
    }

    /** Squared error around their mean of the weights in [lo, hi], computed directly. */
    private static double sse(float[] sorted, float lo, float hi) {
        double sum = 0;
        int n = 0;
        for (float v : sorted) {
            if (v >= lo && v <= hi) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double e = 0;
        for (float v : sorted) {
            if (v >= lo && v <= hi) {
                e += (v - mean) * (v - mean);
            }
        }
        return e;
    }

    @Test
    void matchesBruteForceOnSmallInputs() {
        Random r = new Random(5);
        ExactKMeans dp = new ExactKMeans();
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + r.nextInt(25);
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = trial % 2 == 0 ? r.nextInt(12) - 6 : (float) r.nextGaussian();
            }
            int d = distinctCount(w);
            for (int k = 1; k <= Math.min(d, 10); k++) {
                Quantization q = dp.quantize(w, k, Zeros.CLUSTER);
                double expected = bruteForce(w, k);
                assertEquals(expected, TestWeights.sse(w, q), 1e-5 * (1 + expected), "trial " + trial + " k=" + k);
                assertEquals(k, q.k());
            }
        }
    }

    @Test
    void isNeverWorseThanLloyd() {
        ExactKMeans dp = new ExactKMeans();
        for (long seed = 0; seed < 4; seed++) {
            float[] w = seed % 2 == 0 ? TestWeights.gaussian(4000, 0.1, seed) : TestWeights.laplacian(4000, 0.1, seed);
            for (int k : new int[] {2, 5, 16, 50}) {
                double exact = dp.quantize(w, k).mse();
                for (CwsQuantizer.Init init : CwsQuantizer.Init.values()) {
                    for (long s = 0; s < 3; s++) {
                        double lloyd = new CwsQuantizer(init, s).quantize(w, k).mse();
                        assertTrue(exact <= lloyd * (1 + 1e-9), init + " k=" + k + ": " + exact + " > " + lloyd);
                    }
                }
            }
        }
    }

    @Test
    void monotoneIntsRoundTrip() {
        Random r = new Random(1);
        int[] a = new int[500];
        a[0] = 3;
        for (int i = 1; i < a.length; i++) {
            a[i] = a[i - 1] + (r.nextInt(4) == 0 ? r.nextInt(200) : 0);
        }
        MonotoneInts m = MonotoneInts.encode(a, 10, a.length, 2);
        for (int i = 10; i < a.length; i++) {
            assertEquals(a[i], m.get(i - 10));
        }
    }
}
