package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EcsqQuantizerTest {
    private final float[] w = TestWeights.laplacian(40_000, 0.05, 12);

    @Test
    void entropyFallsAsLambdaGrows() {
        double variance = 0.005;
        double previousEntropy = Double.POSITIVE_INFINITY;
        double previousMse = 0;
        double[] grid = {0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3};
        for (double f : grid) {
            Quantization q = EcsqQuantizer.withLambda(f * variance).quantize(w, 32);
            assertTrue(q.entropy() <= previousEntropy + 1e-12, "lambda " + f + ": " + q.entropy() + " > "
                    + previousEntropy);
            assertTrue(q.mse() >= previousMse * (1 - 1e-9), "distortion rises with lambda");
            previousEntropy = q.entropy();
            previousMse = q.mse();
        }
        assertTrue(previousEntropy < 1, "large lambda leaves few clusters: " + previousEntropy);
    }

    @Test
    void lambdaZeroIsKMeans() {
        Quantization e = EcsqQuantizer.withLambda(0).quantize(w, 16);
        Quantization c = new CwsQuantizer().quantize(w, 16);
        org.junit.jupiter.api.Assertions.assertArrayEquals(c.codebook(), e.codebook());
    }

    @Test
    void searchYieldsAtMostKValuesAndLessEntropyThanKMeans() {
        for (int k : new int[] {1, 2, 5, 16, 64}) {
            Quantization e = new EcsqQuantizer().quantize(w, k);
            assertTrue(e.k() <= k, "k=" + k + " gave " + e.k());
            if (k >= 5) {
                assertTrue(e.k() >= k / 2, "k=" + k + " gave " + e.k());
                assertTrue(e.entropy() < new CwsQuantizer().quantize(w, k).entropy());
            }
        }
    }

    @Test
    void searchMeetsATargetEntropy() {
        for (double bits : new double[] {0, 0.5, 1.5, 3}) {
            Quantization e = EcsqQuantizer.forEntropy(bits).quantize(w, 32);
            assertTrue(e.entropy() <= bits + 1e-12, bits + " bits asked, got " + e.entropy());
            assertTrue(e.entropy() >= bits - 0.5, bits + " bits asked, got " + e.entropy());
        }
    }
}
