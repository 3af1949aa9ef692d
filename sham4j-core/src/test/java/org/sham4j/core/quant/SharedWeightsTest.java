package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SharedWeightsTest {

    @Test
    void sumsGradientsPerClusterAndStepsTheCodebook() {
        float[] w = {0f, 1f, 1.1f, 0f, 5f, 5.2f, 0.9f};
        Quantization q = new ExactKMeans().quantize(w, 2);
        assertArrayEquals(new float[] {1f, 5.1f}, q.codebook());
        SharedWeights s = SharedWeights.of(q);
        float[] grad = {100f, 1f, 2f, 100f, 10f, 20f, 3f};
        assertArrayEquals(new double[] {6, 30}, s.clusterGradients(grad));
        s.step(grad, 0.01);
        assertArrayEquals(new float[] {0.94f, 4.8f}, s.codebook(), 1e-6f);
        s.applyUpdate(new float[] {0.06f, 0.2f});
        float[] out = new float[w.length];
        s.writeWeights(0, out);
        assertArrayEquals(new float[] {0f, 1f, 1f, 0f, 5f, 5f, 1f}, out, 1e-6f);
        assertArrayEquals(new float[] {1f, 5.1f}, q.codebook(), "the quantization is not modified");
    }

    @Test
    void oneCodebookServesSeveralLayers() {
        List<float[]> layers = List.of(TestWeights.pruned(1000, 0.5, 1), TestWeights.pruned(700, 0.3, 2));
        List<Quantization> qs = new CwsQuantizer().quantizeAll(layers, 8);
        SharedWeights s = SharedWeights.of(qs);
        assertEquals(2, s.layers());
        float[] g0 = TestWeights.gaussian(1000, 1, 3);
        float[] g1 = TestWeights.gaussian(700, 1, 4);
        double[] both = s.clusterGradients(List.of(g0, g1));
        double[] first = SharedWeights.of(qs.get(0)).clusterGradients(g0);
        double[] second = SharedWeights.of(qs.get(1)).clusterGradients(g1);
        for (int j = 0; j < s.k(); j++) {
            assertEquals(first[j] + second[j], both[j], 1e-9);
        }
        s.step(List.of(g0, g1), 1e-3);
        float[] out = new float[700];
        s.writeWeights(1, out);
        for (int i = 0; i < out.length; i++) {
            assertEquals(layers.get(1)[i] == 0f, out[i] == 0f, "pruned weights stay zero");
        }
    }

    @Test
    void refusesMismatches() {
        Quantization a = new CwsQuantizer().quantize(TestWeights.gaussian(100, 1, 1), 4);
        Quantization b = new CwsQuantizer().quantize(TestWeights.gaussian(100, 1, 2), 4);
        assertThrows(IllegalArgumentException.class, () -> SharedWeights.of(List.of(a, b)));
        SharedWeights s = SharedWeights.of(a);
        assertThrows(IllegalArgumentException.class, () -> s.clusterGradients(new float[99]));
        assertThrows(IllegalArgumentException.class, () -> s.applyUpdate(new float[3]));
    }
}
