package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CwsQuantizerTest {

    @ParameterizedTest
    @EnumSource(CwsQuantizer.Init.class)
    void convergesToAFixedPointOfLloyd(CwsQuantizer.Init init) {
        float[] w = TestWeights.laplacian(30_000, 0.05, 7);
        Quantization q = new CwsQuantizer(init, 3).quantize(w, 24);
        float[] c = q.codebook();
        double[] sum = new double[c.length];
        int[] n = new int[c.length];
        for (int i = 0; i < w.length; i++) {
            int a = q.assignment()[i];
            sum[a] += w[i];
            n[a]++;
            for (int j = 0; j < c.length; j++) {
                assertTrue(Math.abs(w[i] - c[a]) <= Math.abs(w[i] - c[j]) + 1e-6, "weight " + i + " not nearest");
            }
        }
        for (int j = 0; j < c.length; j++) {
            assertTrue(n[j] > 0);
            assertEquals(sum[j] / n[j], c[j], 1e-6, "centre " + j + " is not its cluster mean");
        }
    }

    @ParameterizedTest
    @EnumSource(CwsQuantizer.Init.class)
    void isReproducible(CwsQuantizer.Init init) {
        float[] w = TestWeights.gaussian(10_000, 0.05, 1);
        Quantization a = new CwsQuantizer(init, 9).quantize(w, 32);
        Quantization b = new CwsQuantizer(init, 9).quantize(w, 32);
        assertArrayEquals(a.codebook(), b.codebook());
        assertArrayEquals(a.assignment(), b.assignment());
    }

    @Test
    void randomInitialisationsDependOnTheSeed() {
        float[] w = TestWeights.gaussian(10_000, 0.05, 1);
        assertTrue(new CwsQuantizer(CwsQuantizer.Init.KMEANS_PP, 1).quantize(w, 32).mse()
                != new CwsQuantizer(CwsQuantizer.Init.KMEANS_PP, 2).quantize(w, 32).mse());
    }

    @Test
    void oneClusterIsTheMean() {
        float[] w = {1, 2, 3, 10};
        assertArrayEquals(new float[] {4f}, new CwsQuantizer().quantize(w, 1).codebook());
    }

    @Test
    void seedingsGiveIncreasingCentres() {
        Histogram h = Histogram.of(java.util.List.of(TestWeights.laplacian(5000, 1, 2)), Zeros.KEEP);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (double[] c : new double[][] {Seeding.linear(h, 40), Seeding.density(h, 40), Seeding.random(h, 40, rng),
                Seeding.kMeansPlusPlus(h, 40, rng)}) {
            for (int i = 1; i < c.length; i++) {
                assertTrue(c[i - 1] < c[i]);
            }
            assertTrue(c.length >= 30 && c.length <= 40);
        }
    }
}
