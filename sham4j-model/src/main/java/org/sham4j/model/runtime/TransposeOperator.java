package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Transpose;

/** Permutes the axes: output axis i is input axis perm[i]; an empty perm reverses them, as in ONNX. */
final class TransposeOperator implements Operator {
    private final int[] perm;

    TransposeOperator(Transpose transpose) {
        this.perm = transpose.perm().clone();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] in = inputs[0].shape();
        int rank = in.length;
        int[] p = perm;
        if (p.length == 0) {
            p = new int[rank];
            for (int k = 0; k < rank; k++) {
                p[k] = rank - 1 - k;
            }
        } else if (p.length != rank) {
            throw new IllegalArgumentException("input shape " + Shapes.of(in) + " does not fit perm " + Shapes.of(p));
        }
        int[] inStride = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) {
            inStride[k] = s;
            s *= in[k];
        }
        int[] out = new int[rank];
        int[] stride = new int[rank];
        for (int k = 0; k < rank; k++) {
            out[k] = in[p[k]];
            stride[k] = inStride[p[k]];
        }
        float[] x = inputs[0].data();
        float[] y = new float[x.length];
        int[] index = new int[rank];
        int src = 0;
        for (int d = 0; d < y.length; d++) {
            y[d] = x[src];
            for (int k = rank - 1; k >= 0; k--) {
                src += stride[k];
                if (++index[k] < out[k]) {
                    break;
                }
                src -= stride[k] * out[k];
                index[k] = 0;
            }
        }
        return new Tensor(out, y);
    }
}
