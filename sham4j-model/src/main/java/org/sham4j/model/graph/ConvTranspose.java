package org.sham4j.model.graph;

import java.util.Arrays;
import org.sham4j.core.format.CompressedMatrix;

/**
 * Transposed convolution over 1 or 2 spatial axes of (N, C, spatial...): each input position's channels,
 * multiplied by the weight matrix, give a kernel-sized patch of every output channel, added into the output
 * at stride spacing, then {@code padsBegin}/{@code padsEnd} are cut off each end and {@code outputPadding}
 * added at the end. Output size: (in − 1)·stride − pads + dilation·(kernel − 1) + outputPadding + 1. The
 * weight matrix is ONNX's (C, M / groups, kernel...) kernel as it lies: row c for input channel c, column
 * (m·prod(kernel) + r) for output channel m of c's group and kernel position r. Bias may be null.
 */
public record ConvTranspose(CompressedMatrix weights, float[] bias, int inChannels, int outChannels, int[] kernel,
                            int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, int[] outputPadding,
                            int groups) implements Layer, WeightedLayer {
    public ConvTranspose {
        int dims = kernel.length;
        if (dims < 1 || dims > 2 || strides.length != dims || padsBegin.length != dims || padsEnd.length != dims
                || dilations.length != dims || outputPadding.length != dims) {
            throw new IllegalArgumentException("ConvTranspose needs 1 or 2 spatial axes with one stride, pad, "
                    + "dilation and output padding each");
        }
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("ConvTranspose groups " + groups + " must divide channels "
                    + inChannels + " and " + outChannels);
        }
        for (int k = 0; k < dims; k++) {
            if (kernel[k] < 1 || strides[k] < 1 || dilations[k] < 1 || padsBegin[k] < 0 || padsEnd[k] < 0
                    || outputPadding[k] < 0 || outputPadding[k] >= Math.max(strides[k], dilations[k])) {
                throw new IllegalArgumentException("ConvTranspose kernel, strides and dilations must be positive, "
                        + "pads non-negative and output padding below the stride or dilation");
            }
        }
        long cols = (long) (outChannels / groups) * Arrays.stream(kernel).asLongStream().reduce(1, (a, b) -> a * b);
        if (weights.rows() != inChannels || weights.cols() != cols) {
            throw new IllegalArgumentException("ConvTranspose weights " + weights.rows() + "x" + weights.cols()
                    + ", expected " + inChannels + "x" + cols);
        }
        if (bias != null && bias.length != outChannels) {
            throw new IllegalArgumentException("ConvTranspose bias of " + bias.length + " for " + outChannels
                    + " channels");
        }
    }

    /** Number of spatial axes. */
    public int dims() {
        return kernel.length;
    }

    /** The output size along spatial axis {@code k} for an input of {@code in}. */
    public int outputSize(int k, int in) {
        return Math.toIntExact((long) (in - 1) * strides[k] - padsBegin[k] - padsEnd[k]
                + (long) dilations[k] * (kernel[k] - 1) + outputPadding[k] + 1);
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.convTranspose(this);
    }

    @Override
    public Family family() {
        return Family.CONV;
    }

    @Override
    public String kind() {
        return "ConvTranspose" + dims() + "D";
    }

    @Override
    public Layer withParameters(CompressedMatrix w, float[] b) {
        return new ConvTranspose(w, b, inChannels, outChannels, kernel, strides, padsBegin, padsEnd, dilations,
                outputPadding, groups);
    }
}
