package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Preprocessing.Layout;

class PreprocessorTest {
    private static Tensor counting(int... shape) {
        float[] a = new float[Math.toIntExact(Tensor.size(shape))];
        for (int k = 0; k < a.length; k++) {
            a[k] = k;
        }
        return new Tensor(shape, a);
    }

    @Test
    void mnistPixelsAreScaledAndReshaped() {
        Tensor raw = counting(2, 28, 28);
        Preprocessing p = new Preprocessing(1f / 255, new float[] {0.1307f}, new float[] {0.3081f}, Layout.NCHW);
        Tensor x = Preprocessor.apply(p, raw, new InputSpec("x", new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {2, 1, 28, 28}, x.shape());
        assertEquals((100f / 255 - 0.1307f) / 0.3081f, x.data()[100], 1e-6);
        Tensor flat = Preprocessor.apply(new Preprocessing(0.5f, new float[] {0}, new float[] {1}, Layout.FLAT),
                raw, new InputSpec("x", new int[] {784}));
        assertArrayEquals(new int[] {2, 784}, flat.shape());
        assertEquals(1000 * 0.5f, flat.data()[1000]);
    }

    @Test
    void nhwcImagesBecomeChannelsFirstWithPerChannelStatistics() {
        Tensor raw = counting(2, 4, 5, 3);
        float[] mean = {1, 2, 3};
        float[] std = {2, 4, 8};
        Tensor x = Preprocessor.apply(new Preprocessing(1f, mean, std, Layout.NHWC), raw,
                new InputSpec("x", new int[] {3, 4, 5}));
        assertArrayEquals(new int[] {2, 3, 4, 5}, x.shape());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int q = 0; q < 20; q++) {
                    float v = raw.data()[b * 60 + q * 3 + c];
                    assertEquals((v - mean[c]) / std[c], x.data()[b * 60 + c * 20 + q], 0f);
                }
            }
        }
    }

    @Test
    void nchwStatisticsFollowTheInputsChannelAxis() {
        Tensor raw = counting(2, 3 * 4 * 4);
        Tensor x = Preprocessor.apply(new Preprocessing(1f, new float[] {0, 10, 20}, new float[] {1, 1, 1},
                Layout.NCHW), raw, new InputSpec("x", new int[] {3, 4, 4}));
        assertArrayEquals(new int[] {2, 3, 4, 4}, x.shape());
        assertEquals(48 + 17 - 10, x.data()[48 + 17]);
        assertEquals(48 + 40 - 20, x.data()[48 + 40]);
    }

    @Test
    void singleChannelNhwcDataIsOnlyReshaped() {
        Tensor raw = counting(1, 28, 28);
        Tensor x = Preprocessor.apply(new Preprocessing(1f, new float[] {0}, new float[] {1}, Layout.NHWC), raw,
                new InputSpec("x", new int[] {1, 28, 28}));
        assertArrayEquals(raw.data(), x.data());
    }

    @Test
    void mismatchesNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.apply(Preprocessing.IDENTITY, counting(2, 28, 28),
                        new InputSpec("x", new int[] {3, 32, 32})));
        assertEquals("data samples have shape (28, 28), model input 'x' expects (3, 32, 32)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.apply(new Preprocessing(1f, new float[] {0, 0, 0}, new float[] {1, 1, 1},
                        Layout.NHWC), counting(2, 28, 28), new InputSpec("x", new int[] {1, 28, 28})));
        assertEquals("3 channel means/stds do not fit NHWC data samples of shape (28, 28) for model input 'x' "
                + "(1, 28, 28)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.apply(new Preprocessing(1f, new float[] {0, 0}, new float[] {1}, Layout.FLAT),
                        counting(2, 8), new InputSpec("x", new int[] {8})));
        assertEquals("2 channel means/stds need layout NCHW or NHWC, not FLAT", e.getMessage());
    }
}
