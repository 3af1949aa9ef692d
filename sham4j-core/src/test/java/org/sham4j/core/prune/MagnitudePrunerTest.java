package org.sham4j.core.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MagnitudePrunerTest {

    private static float[] gaussian(int n, double scale, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (r.nextGaussian() * scale);
        }
        return w;
    }

    private static int zeros(float[] w) {
        int z = 0;
        for (float v : w) {
            if (v == 0f) {
                z++;
            }
        }
        return z;
    }

    /** Pruned weights are zero, kept ones unchanged, and no kept magnitude is below a pruned one. */
    private static void assertConsistent(float[] original, PruneResult r) {
        float[] p = r.weights();
        assertEquals(original.length, p.length);
        for (int i = 0; i < p.length; i++) {
            if (r.mask().isKept(i)) {
                assertEquals(original[i], p[i]);
                assertTrue(Math.abs(original[i]) >= r.threshold());
            } else {
                assertEquals(0f, p[i]);
                assertTrue(Math.abs(original[i]) <= r.threshold());
            }
        }
    }

    @Test
    void hitsTheSparsityWithinOneWeight() {
        double[] percents = {0, 0.1, 12.5, 33.3, 50, 66.7, 90, 99.9, 100};
        int[] sizes = {0, 1, 2, 7, 100, 1001, 65_537};
        for (int n : sizes) {
            float[] w = gaussian(n, 0.1, n);
            float[] copy = w.clone();
            for (double p : percents) {
                PruneResult r = MagnitudePruner.prune(w, p);
                assertTrue(Math.abs(zeros(r.weights()) - p * n / 100) <= 1, "n=" + n + " p=" + p);
                assertEquals(zeros(r.weights()), r.mask().prunedCount());
                assertEquals(n == 0 ? 0 : 100.0 * zeros(r.weights()) / n, r.mask().sparsity(), 1e-12);
                assertConsistent(w, r);
            }
            assertArrayEquals(copy, w, "input modified");
        }
    }

    @Test
    void breaksTiesInMagnitudeByPosition() {
        float[] w = new float[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 2 == 0 ? 0.5f : -0.5f;
        }
        PruneResult r = MagnitudePruner.prune(w, 37.3);
        assertEquals(373, zeros(r.weights()));
        for (int i = 0; i < w.length; i++) {
            assertEquals(i >= 373, r.mask().isKept(i));
        }
        assertConsistent(w, r);
    }

    @Test
    void globalPruningUsesOneThresholdOverAllLayers() {
        List<float[]> layers = List.of(gaussian(3000, 0.01, 1), gaussian(500, 0.1, 2), gaussian(4321, 0.05, 3));
        int total = 3000 + 500 + 4321;
        List<PruneResult> rs = MagnitudePruner.pruneGlobal(layers, 80);
        int z = 0;
        float maxPruned = 0;
        float minKept = Float.POSITIVE_INFINITY;
        for (int l = 0; l < 3; l++) {
            PruneResult r = rs.get(l);
            assertConsistent(layers.get(l), r);
            z += zeros(r.weights());
            for (int i = 0; i < layers.get(l).length; i++) {
                float m = Math.abs(layers.get(l)[i]);
                if (r.mask().isKept(i)) {
                    minKept = Math.min(minKept, m);
                } else {
                    maxPruned = Math.max(maxPruned, m);
                }
            }
        }
        assertTrue(Math.abs(z - 0.8 * total) <= 1);
        assertTrue(maxPruned <= minKept);
        assertTrue(rs.get(0).mask().sparsity() > 95, "the small-scale layer is pruned hardest");
        assertTrue(rs.get(1).mask().sparsity() < 50);
    }

    @Test
    void perLayerPruningHitsEachLayer() {
        List<float[]> layers = List.of(gaussian(3000, 0.01, 1), gaussian(500, 0.1, 2));
        List<PruneResult> rs = MagnitudePruner.prunePerLayer(layers, 75);
        assertEquals(2250, zeros(rs.get(0).weights()));
        assertEquals(375, zeros(rs.get(1).weights()));
    }

    @Test
    void prunesBelowLambdaStandardDeviations() {
        float[] w = gaussian(100_000, 0.2, 9);
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        double var = 0;
        for (float v : w) {
            var += (v - mean) * (v - mean);
        }
        float tau = (float) (1.0 * Math.sqrt(var / w.length));
        PruneResult r = MagnitudePruner.pruneByStd(w, 1.0);
        for (int i = 0; i < w.length; i++) {
            assertEquals(Math.abs(w[i]) >= tau, r.mask().isKept(i));
        }
        assertEquals(68.27, r.mask().sparsity(), 1.0);
        assertEquals(0, MagnitudePruner.pruneByStd(w, 0).mask().prunedCount());
    }

    @Test
    void maskZeroesPrunedPositions() {
        float[] w = gaussian(200, 1, 4);
        PruneResult r = MagnitudePruner.prune(w, 40);
        float[] updated = gaussian(200, 1, 5);
        r.mask().apply(updated);
        for (int i = 0; i < w.length; i++) {
            assertEquals(r.mask().isKept(i), updated[i] != 0f);
        }
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruner.prune(new float[] {1, Float.NaN}, 50));
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruner.prune(new float[] {1}, 100.5));
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruner.prune(new float[] {1}, -1));
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruner.pruneByStd(new float[] {1}, -1));
    }
}
