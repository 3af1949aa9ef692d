package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Pad;

/** Pads every axis with a constant, the reflection of the values next to the edge, or the edge value. */
final class PadOperator implements Operator {
    private final Pad layer;

    PadOperator(Pad layer) {
        this.layer = layer;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] in = inputs[0].shape();
        int rank = in.length;
        if (layer.begin().length != rank) {
            throw new IllegalArgumentException("input shape " + Shapes.of(in) + " has rank " + rank + ", the pads "
                    + layer.begin().length);
        }
        int[] out = new int[rank];
        int[] inStride = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) {
            out[k] = Math.addExact(in[k], layer.begin()[k] + layer.end()[k]);
            inStride[k] = s;
            s *= in[k];
        }
        float[] x = inputs[0].data();
        float[] y = new float[Math.toIntExact(Tensor.size(out))];
        int[] index = new int[rank];
        for (int d = 0; d < y.length; d++) {
            int src = 0;
            boolean inside = true;
            for (int k = 0; k < rank && inside; k++) {
                int i = source(index[k] - layer.begin()[k], in[k]);
                inside = i >= 0;
                src += i * inStride[k];
            }
            y[d] = inside ? x[src] : layer.value();
            for (int k = rank - 1; k >= 0 && ++index[k] == out[k]; k--) {
                index[k] = 0;
            }
        }
        return new Tensor(out, y);
    }

    /** The input position a padded position takes its value from, or -1 for the constant. */
    private int source(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (layer.mode()) {
            case CONSTANT -> -1;
            case EDGE -> i < 0 ? 0 : n - 1;
            case REFLECT -> {
                if (n == 1) {
                    yield 0;
                }
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                yield m < n ? m : period - m;
            }
        };
    }
}
