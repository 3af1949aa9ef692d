package org.sham4j.model.graph;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Convolution over 1 or 2 spatial axes of an (N, C, spatial...) tensor, with stride, padding, dilation and
 * groups. The kernel is held as a matrix for im2col products: row (c·k + r) for input channel c of a group
 * and kernel position r (row-major over the kernel's axes), column = output channel; its rows number
 * (inChannels / groups) · prod(kernel). Bias may be null.
 */
public record Conv(CompressedMatrix weights, float[] bias, int inChannels, int outChannels, int[] kernel,
                   int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, int groups)
        implements Layer, WeightedLayer {
    public Conv {
        int dims = kernel.length;
        if (dims < 1 || dims > 2 || strides.length != dims || padsBegin.length != dims || padsEnd.length != dims
                || dilations.length != dims) {
            throw new IllegalArgumentException("Conv needs 1 or 2 spatial axes with one stride, pad and dilation each");
        }
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv groups " + groups + " must divide channels " + inChannels + " and "
                    + outChannels);
        }
        long rows = (long) (inChannels / groups) * Arrays.stream(kernel).asLongStream().reduce(1, (a, b) -> a * b);
        if (weights.rows() != rows || weights.cols() != outChannels) {
            throw new IllegalArgumentException("Conv weights " + weights.rows() + "x" + weights.cols() + ", expected "
                    + rows + "x" + outChannels);
        }
        if (bias != null && bias.length != outChannels) {
            throw new IllegalArgumentException("Conv bias of " + bias.length + " for " + outChannels + " channels");
        }
    }

    /** Number of spatial axes. */
    public int dims() {
        return kernel.length;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.conv(this);
    }

    @Override
    public Family family() {
        return Family.CONV;
    }

    @Override
    public String kind() {
        return "Conv" + dims() + "D";
    }

    @Override
    public Layer withParameters(CompressedMatrix w, float[] b) {
        return new Conv(w, b, inChannels, outChannels, kernel, strides, padsBegin, padsEnd, dilations, groups);
    }

    /**
     * The matrix each group multiplies: the weights themselves for one group, else the column block of the group's
     * output channels, re-encoded in the layer's format (formats are lossless).
     */
    public List<CompressedMatrix> groupWeights() {
        if (groups == 1) {
            return List.of(weights);
        }
        DenseMatrix all = weights.toDense();
        int rows = all.rows();
        int per = all.cols() / groups;
        CompressedMatrix[] out = new CompressedMatrix[groups];
        for (int g = 0; g < groups; g++) {
            float[] block = new float[rows * per];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(all.data(), i * all.cols() + g * per, block, i * per, per);
            }
            out[g] = weights.format().encode(SparseMatrix.fromDense(new DenseMatrix(rows, per, block)));
        }
        return List.of(out);
    }
}
