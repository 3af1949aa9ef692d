package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Concat;

/** Joins the inputs along one axis; every other dimension must agree. */
final class ConcatOperator implements Operator {
    private final int axis;

    ConcatOperator(Concat concat) {
        this.axis = concat.axis();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] first = inputs[0].shape();
        int rank = first.length;
        int a = Shapes.axis(axis, rank, "concat");
        int[] out = first.clone();
        out[a] = 0;
        for (Tensor t : inputs) {
            int[] s = t.shape();
            boolean fits = s.length == rank;
            for (int k = 0; fits && k < rank; k++) {
                fits = k == a || s[k] == first[k];
            }
            if (!fits) {
                throw new IllegalArgumentException("input shapes " + Shapes.of(first) + " and " + Shapes.of(s)
                        + " differ off axis " + axis);
            }
            out[a] = Math.addExact(out[a], s[a]);
        }
        int outer = Shapes.product(first, 0, a);
        int inner = Shapes.product(first, a + 1, rank);
        float[] y = new float[Math.toIntExact(Tensor.size(out))];
        int row = out[a] * inner;
        int offset = 0;
        for (Tensor t : inputs) {
            int block = t.dim(a) * inner;
            float[] x = t.data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * block, y, o * row + offset, block);
            }
            offset += block;
        }
        return new Tensor(out, y);
    }
}
