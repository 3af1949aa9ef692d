package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class UniformQuantizerTest {

    /**
     * The step of the grid the values lie on: the smallest gap divided by the least m for which every gap is a
     * whole number of steps (levels no weight falls in leave gaps of several steps), refined over the span.
     */
    private static double gridStep(float[] c) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 1; j < c.length; j++) {
            min = Math.min(min, c[j] - c[j - 1]);
        }
        for (int m = 1; m <= 20; m++) {
            double span = c[c.length - 1] - c[0];
            double step = span / Math.rint(span / (min / m));
            boolean whole = true;
            for (int j = 1; j < c.length && whole; j++) {
                double n = (c[j] - c[0]) / step;
                whole = Math.abs(n - Math.rint(n)) < 1e-3;
            }
            if (whole) {
                return step;
            }
        }
        fail("values not on an even grid: " + Arrays.toString(c));
        return 0;
    }

    @Test
    void valuesAreEvenlySpaced() {
        float[] w = TestWeights.gaussian(50_000, 0.1, 4);
        for (double offset : new double[] {0, 0.25, -0.4}) {
            for (int k : new int[] {2, 3, 8, 33, 256}) {
                Quantization q = new UniformQuantizer(offset).quantize(w, k, Zeros.CLUSTER);
                float[] c = q.codebook();
                assertTrue(c.length <= k && c.length >= Math.min(k - 2, 2), "k=" + k + " gave " + c.length);
                double delta = gridStep(c);
                int even = 0;
                for (int j = 1; j < c.length; j++) {
                    if (Math.abs(c[j] - c[j - 1] - delta) < 1e-4 * delta) {
                        even++;
                    }
                }
                assertTrue(even >= 0.9 * (c.length - 1), "gaps only in the sparse tails");
                double level = c[0] / delta + offset;
                assertEquals(Math.rint(level), level, 1e-3, "values are delta * (n - offset)");
                for (int i = 0; i < w.length; i++) {
                    assertTrue(Math.abs(w[i] - q.value(i)) <= 0.5 * delta * (1 + 1e-4), "not rounded to nearest");
                }
            }
        }
    }

    @Test
    void levelsWithoutWeightsAreSkipped() {
        float[] w = {-1f, -0.99f, 1f, 0.98f, 5f, 5.02f, 4.97f};
        Quantization q = new UniformQuantizer().quantize(w, 4);
        float[] c = q.codebook();
        assertTrue(c.length <= 4);
        double delta = gridStep(c);
        assertTrue(c[c.length - 1] - c[0] > 2 * delta * (c.length - 1) - 1e-6, "some level is skipped");
        for (int i = 0; i < w.length; i++) {
            assertTrue(Math.abs(w[i] - q.value(i)) <= 0.5 * delta * (1 + 1e-4));
        }
    }
}
