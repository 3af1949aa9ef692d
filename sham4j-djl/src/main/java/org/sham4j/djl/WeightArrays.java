package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Moves weight matrices between the graph and DJL, exactly: a layer's parameter is its weight matrix as it is,
 * (rows, cols); the operations that need another arrangement (a convolution's kernel) derive it.
 */
final class WeightArrays {
    private WeightArrays() {
    }

    static NDArray of(NDManager manager, CompressedMatrix w) {
        return of(manager, w.toDense());
    }

    static NDArray of(NDManager manager, DenseMatrix m) {
        return manager.create(m.data().clone(), new Shape(m.rows(), m.cols()));
    }

    static CompressedMatrix matrix(NDArray a) {
        Shape s = a.getShape();
        return DenseFormat.INSTANCE.encode(SparseMatrix.fromDense(
                new DenseMatrix((int) s.get(0), (int) s.get(1), a.toFloatArray())));
    }
}
