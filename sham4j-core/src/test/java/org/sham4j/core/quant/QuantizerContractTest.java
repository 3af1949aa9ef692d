package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every quantizer promises. */
class QuantizerContractTest {

    static Stream<Quantizer> quantizers() {
        return Stream.concat(QuantizerSpec.METHODS.stream().map(m -> QuantizerSpec.parse(m + ":2").quantizer()),
                Stream.of(EcsqQuantizer.withLambda(1e-4), EcsqQuantizer.forEntropy(2), new UniformQuantizer(0.3)));
    }

    private static void assertStrictlyAscending(float[] c) {
        for (int i = 1; i < c.length; i++) {
            assertTrue(c[i - 1] < c[i], Arrays.toString(c));
        }
    }

    @ParameterizedTest
    @MethodSource("quantizers")
    void keepsZerosExactlyAndNeverExceedsK(Quantizer q) {
        float[] w = TestWeights.pruned(20_000, 0.6, 11);
        float[] copy = w.clone();
        for (int k : new int[] {1, 2, 3, 7, 16, 64, 300}) {
            Quantization r = q.quantize(w, k);
            assertTrue(r.k() <= k && r.k() >= 1, q.name() + " k=" + k + " gave " + r.k());
            assertStrictlyAscending(r.codebook());
            float[] out = r.toArray();
            long nonZeros = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] == 0f) {
                    assertEquals(Quantization.ZERO, r.assignment()[i]);
                    assertEquals(0, Float.floatToRawIntBits(out[i]), "zero moved");
                } else {
                    nonZeros++;
                    assertTrue(r.assignment()[i] >= 0 && r.assignment()[i] < r.k());
                    assertEquals(r.codebook()[r.assignment()[i]], out[i]);
                }
            }
            assertEquals(nonZeros, r.clustered());
            assertEquals(TestWeights.sse(w, r) / w.length, r.mse(), 1e-12 * (1 + r.mse()));
            assertTrue(r.entropy() >= 0 && r.entropy() <= Math.log(r.k()) / Math.log(2) + 1e-9);
        }
        assertArrayEquals(copy, w, "input modified");
    }

    @ParameterizedTest
    @MethodSource("quantizers")
    void returnsTheDistinctValuesWhenKIsLargeEnough(Quantizer q) {
        float[] w = {0.5f, -0.25f, 0f, 0.5f, 3f, -0.25f, 0f, 1f};
        Quantization r = q.quantize(w, 4);
        assertArrayEquals(new float[] {-0.25f, 0.5f, 1f, 3f}, r.codebook());
        assertEquals(0, r.mse());
        assertArrayEquals(w, r.toArray());
        Quantization all = q.quantize(w, 5, Zeros.CLUSTER);
        assertArrayEquals(new float[] {-0.25f, 0f, 0.5f, 1f, 3f}, all.codebook());
        assertEquals(1, all.assignment()[2]);
    }

    @ParameterizedTest
    @MethodSource("quantizers")
    void clustersZerosOnRequest(Quantizer q) {
        float[] w = TestWeights.pruned(5000, 0.5, 3);
        Quantization r = q.quantize(w, 8, Zeros.CLUSTER);
        assertEquals(w.length, r.clustered());
        assertTrue(Arrays.stream(r.assignment()).allMatch(a -> a >= 0));
        assertTrue(r.k() <= 8);
    }

    @ParameterizedTest
    @MethodSource("quantizers")
    void handlesEdgeCases(Quantizer q) {
        Quantization empty = q.quantize(new float[0], 4);
        assertEquals(0, empty.k());
        assertEquals(0, empty.mse());
        assertEquals(0, empty.entropy());
        Quantization zeros = q.quantize(new float[] {0f, -0f, 0f}, 4);
        assertEquals(0, zeros.k());
        assertArrayEquals(new float[3], zeros.toArray());
        Quantization one = q.quantize(new float[] {2f, 2f, 2f}, 1);
        assertArrayEquals(new float[] {2f}, one.codebook());
        assertThrows(IllegalArgumentException.class, () -> q.quantize(new float[] {1f, Float.NaN}, 2));
        assertThrows(IllegalArgumentException.class, () -> q.quantize(new float[] {1f, Float.NEGATIVE_INFINITY}, 2));
        assertThrows(IllegalArgumentException.class, () -> q.quantize(new float[] {1f}, 0));
        assertThrows(IllegalArgumentException.class, () -> q.quantize(new float[] {1f}, Quantizer.MAX_K + 1));
    }

    @ParameterizedTest
    @MethodSource("quantizers")
    void sharesOneCodebookAcrossLayers(Quantizer q) {
        List<float[]> layers = List.of(TestWeights.pruned(3000, 0.5, 1), TestWeights.laplacian(2000, 0.3, 2),
                new float[0]);
        List<Quantization> rs = q.quantizeAll(layers, 16);
        assertEquals(3, rs.size());
        TreeSet<Float> used = new TreeSet<>();
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(rs.get(0).codebook(), rs.get(l).codebook());
            assertEquals(layers.get(l).length, rs.get(l).size());
            for (int a : rs.get(l).assignment()) {
                if (a >= 0) {
                    used.add(rs.get(0).codebook()[a]);
                }
            }
        }
        assertTrue(rs.get(0).k() <= 16);
        assertNotEquals(0, used.size());
    }
}
