package org.sham4j.onnx;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Weight layouts between ONNX and the graph. A Conv kernel of ONNX shape (M, C/group, k...) is, flattened per
 * output channel, the transpose of the graph's im2col matrix ((C/group)·prod(k)) x M; a Dense weight is the
 * in x out matrix that Gemm takes as B.
 */
final class WeightLayouts {
    private WeightLayouts() {
    }

    /** A rows x cols row-major matrix in the {@code dense} format. */
    static CompressedMatrix dense(int rows, int cols, float[] data) {
        return Formats.byName("dense").encode(SparseMatrix.fromDense(new DenseMatrix(rows, cols, data)));
    }

    /** Transposes a rows x cols row-major array. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** The im2col matrix of an ONNX kernel with {@code outChannels} rows of {@code perOutput} values each. */
    static CompressedMatrix im2col(float[] onnxKernel, int outChannels, int perOutput) {
        return dense(perOutput, outChannels, transpose(onnxKernel, outChannels, perOutput));
    }

    /** The ONNX kernel values (M, C/group, k...) of an im2col matrix. */
    static float[] onnxKernel(CompressedMatrix im2col) {
        return transpose(im2col.toDense().data(), im2col.rows(), im2col.cols());
    }
}
