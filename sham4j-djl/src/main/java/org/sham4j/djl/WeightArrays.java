package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Layer;

/**
 * Moves weights between the graph's matrices and DJL arrays, exactly: a dense layer keeps its (in, out) matrix;
 * a convolution's im2col matrix (row c·k + r, column o) becomes PyTorch's (out, in/groups, kernel...) array, its
 * transpose.
 */
final class WeightArrays {
    private WeightArrays() {
    }

    static NDArray dense(NDManager manager, CompressedMatrix w) {
        return manager.create(w.toDense().data(), new Shape(w.rows(), w.cols()));
    }

    static NDArray conv(NDManager manager, Conv conv) {
        return conv(manager, conv, conv.weights().toDense());
    }

    /** An array of the layer's weight shape from a matrix in the layer's matrix order (e.g. a mask). */
    static NDArray like(NDManager manager, Layer layer, DenseMatrix m) {
        if (layer instanceof Conv c) {
            return conv(manager, c, m);
        }
        return manager.create(m.data().clone(), new Shape(m.rows(), m.cols()));
    }

    private static NDArray conv(NDManager manager, Conv conv, DenseMatrix m) {
        int rows = m.rows();
        int cols = m.cols();
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m.data()[i * cols + j];
            }
        }
        long[] shape = new long[2 + conv.dims()];
        shape[0] = conv.outChannels();
        shape[1] = conv.inChannels() / conv.groups();
        for (int d = 0; d < conv.dims(); d++) {
            shape[2 + d] = conv.kernel()[d];
        }
        return manager.create(t, new Shape(shape));
    }

    static CompressedMatrix denseMatrix(NDArray a) {
        Shape s = a.getShape();
        return matrix(new DenseMatrix((int) s.get(0), (int) s.get(1), a.toFloatArray()));
    }

    static CompressedMatrix convMatrix(NDArray a) {
        int out = (int) a.getShape().get(0);
        float[] t = a.toFloatArray();
        int rows = t.length / out;
        float[] m = new float[t.length];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < rows; i++) {
                m[i * out + j] = t[j * rows + i];
            }
        }
        return matrix(new DenseMatrix(rows, out, m));
    }

    private static CompressedMatrix matrix(DenseMatrix m) {
        return DenseFormat.INSTANCE.encode(SparseMatrix.fromDense(m));
    }
}
