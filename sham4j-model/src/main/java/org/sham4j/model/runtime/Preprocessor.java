package org.sham4j.model.runtime;

import java.util.Arrays;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Preprocessing.Layout;

/**
 * Turns raw data samples (N, ...) as a data set gives them into a model input (N, input shape...): scales and
 * normalises each value by its channel, then arranges it. NHWC samples (H, W, C) or (L, C) whose channels-first
 * form is the input's shape are transposed; otherwise samples of the input's size are reshaped (channels-last
 * data needs no transposition for a single-channel or flat input). The channel of a value is the sample's last
 * axis for NHWC and the input's first axis for NCHW; FLAT takes one mean and std for all values.
 */
public final class Preprocessor {
    private Preprocessor() {
    }

    /** The model input for {@code raw}; an IllegalArgumentException names both shapes when they do not fit. */
    public static Tensor apply(Preprocessing p, Tensor raw, InputSpec input) {
        int[] rawShape = raw.shape();
        if (rawShape.length < 1) {
            throw new IllegalArgumentException("data has no sample axis");
        }
        int n = rawShape[0];
        int[] sample = Arrays.copyOfRange(rawShape, 1, rawShape.length);
        int[] target = input.shape();
        long size = Tensor.size(sample);
        boolean transpose = p.layout() == Layout.NHWC && isChannelsLastOf(sample, target);
        if (!transpose && size != sizeOf(target)) {
            throw new IllegalArgumentException("data samples have shape " + Shapes.of(sample) + ", model input '"
                    + input.name() + "' expects " + Shapes.of(target));
        }
        int channels = Math.max(p.mean().length, p.std().length);
        if (p.mean().length != p.std().length && p.mean().length != 1 && p.std().length != 1) {
            throw new IllegalArgumentException("preprocessing has " + p.mean().length + " means and "
                    + p.std().length + " stds");
        }
        int inner = channelStride(p.layout(), channels, sample, target, input.name());
        int[] outShape = new int[target.length + 1];
        outShape[0] = n;
        System.arraycopy(target, 0, outShape, 1, target.length);
        float[] x = raw.data();
        float[] y = new float[x.length];
        float[] shift = new float[channels];
        float[] div = new float[channels];
        for (int c = 0; c < channels; c++) {
            shift[c] = p.mean()[p.mean().length == 1 ? 0 : c];
            div[c] = p.std()[p.std().length == 1 ? 0 : c];
        }
        float scale = p.scale();
        int s = (int) size;
        if (transpose) {
            int c = sample[sample.length - 1];
            int positions = s / c;
            for (int b = 0; b < n; b++) {
                int base = b * s;
                for (int q = 0; q < positions; q++) {
                    for (int ch = 0; ch < c; ch++) {
                        int cc = channels == 1 ? 0 : ch;
                        y[base + ch * positions + q] = (x[base + q * c + ch] * scale - shift[cc]) / div[cc];
                    }
                }
            }
        } else {
            for (int k = 0; k < x.length; k++) {
                int cc = channels == 1 ? 0 : (k / inner) % channels;
                y[k] = (x[k] * scale - shift[cc]) / div[cc];
            }
        }
        return new Tensor(outShape, y);
    }

    /** Whether {@code sample} is {@code target} (C, spatial...) with its channel axis moved last. */
    private static boolean isChannelsLastOf(int[] sample, int[] target) {
        int r = target.length;
        if (r < 2 || sample.length != r || sample[r - 1] != target[0]) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(sample, 0, r - 1), Arrays.copyOfRange(target, 1, r));
    }

    private static long sizeOf(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
        }
        return Tensor.size(shape);
    }

    /** How many consecutive values share a channel in the arranged (reshaped) data. */
    private static int channelStride(Layout layout, int channels, int[] sample, int[] target, String name) {
        if (channels == 1) {
            return 1;
        }
        String stats = channels + " channel means/stds";
        switch (layout) {
            case NHWC -> {
                if (sample.length < 2 || sample[sample.length - 1] != channels) {
                    throw new IllegalArgumentException(stats + " do not fit NHWC data samples of shape "
                            + Shapes.of(sample) + " for model input '" + name + "' " + Shapes.of(target));
                }
                return 1;
            }
            case NCHW -> {
                if (target.length < 2 || target[0] != channels) {
                    throw new IllegalArgumentException(stats + " do not fit model input '" + name + "' "
                            + Shapes.of(target));
                }
                return (int) (Tensor.size(target) / channels);
            }
            default -> throw new IllegalArgumentException(stats + " need layout NCHW or NHWC, not FLAT");
        }
    }
}
