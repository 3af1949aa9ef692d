package org.sham4j.model.runtime;

import java.util.Arrays;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Embedding;

/** Looks up table rows: integer-valued input of shape S gives S + (dim). */
final class EmbeddingOperator implements Operator {
    private final DenseMatrix table;

    EmbeddingOperator(Embedding embedding) {
        this.table = embedding.table();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] in = inputs[0].shape();
        float[] ids = inputs[0].data();
        int dim = table.cols();
        int[] outShape = Arrays.copyOf(in, in.length + 1);
        outShape[in.length] = dim;
        float[] out = new float[Math.toIntExact(Tensor.size(outShape))];
        for (int k = 0; k < ids.length; k++) {
            float v = ids[k];
            if (!(v >= 0 && v < table.rows()) || v != Math.rint(v)) {
                throw new IllegalArgumentException("index " + v + " at position " + k + " of input shape "
                        + Shapes.of(in) + " is not a row of the " + table.rows() + " x " + dim + " table");
            }
            System.arraycopy(table.data(), (int) v * dim, out, k * dim, dim);
        }
        return new Tensor(outShape, out);
    }
}
