package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PwsQuantizerTest {

    /**
     * Over R seeded draws the mean quantized value of every weight must be within 5 standard errors of the
     * weight, the standard error of a rounding to a or b being sqrt((w - a)(b - w) / R).
     */
    @Test
    void isUnbiased() {
        float[] w = TestWeights.laplacian(200, 0.1, 3);
        int draws = 4000;
        double[] mean = new double[w.length];
        float[] codebook = null;
        for (int s = 0; s < draws; s++) {
            Quantization q = new PwsQuantizer(s).quantize(w, 6);
            if (codebook == null) {
                codebook = q.codebook();
            }
            assertArrayEquals(codebook, q.codebook(), "the codebook does not depend on the seed");
            for (int i = 0; i < w.length; i++) {
                mean[i] += q.value(i) / (double) draws;
            }
        }
        int rounded = 0;
        for (int i = 0; i < w.length; i++) {
            int t = Codes.floorIndex(codebook, w[i]);
            if (codebook[t] == w[i]) {
                assertEquals(w[i], mean[i], 1e-7);
                continue;
            }
            rounded++;
            double se = Math.sqrt(((double) w[i] - codebook[t]) * ((double) codebook[t + 1] - w[i]) / draws);
            assertTrue(Math.abs(mean[i] - w[i]) <= 5 * se + 1e-7, "weight " + i + ": mean " + mean[i] + " vs "
                    + w[i] + ", se " + se);
        }
        assertTrue(rounded > 150);
    }

    @Test
    void codebookIsQuantilesFromMinToMax() {
        float[] w = TestWeights.gaussian(10_001, 1, 8);
        float[] s = w.clone();
        Arrays.sort(s);
        Quantization q = new PwsQuantizer(0).quantize(w, 5);
        assertArrayEquals(new float[] {s[0], s[2500], s[5000], s[7500], s[10_000]}, q.codebook());
    }

    @Test
    void roundsToTheEndsOfTheInterval() {
        float[] w = TestWeights.gaussian(5000, 1, 2);
        Quantization q = new PwsQuantizer(1).quantize(w, 9);
        float[] c = q.codebook();
        for (int i = 0; i < w.length; i++) {
            int t = Codes.floorIndex(c, w[i]);
            int a = q.assignment()[i];
            assertTrue(a == t || a == t + 1);
        }
    }

    @Test
    void isReproducibleAndSeeded() {
        float[] w = TestWeights.gaussian(5000, 1, 2);
        assertArrayEquals(new PwsQuantizer(7).quantize(w, 16).assignment(),
                new PwsQuantizer(7).quantize(w, 16).assignment());
        assertFalse(Arrays.equals(new PwsQuantizer(7).quantize(w, 16).assignment(),
                new PwsQuantizer(8).quantize(w, 16).assignment()));
    }
}
