package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Slice;

/** Takes every step-th position from start to end along the sliced axes. */
final class SliceOperator implements Operator {
    private final Slice layer;

    SliceOperator(Slice layer) {
        this.layer = layer;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] in = inputs[0].shape();
        int rank = in.length;
        int[] start = new int[rank];
        int[] step = new int[rank];
        int[] out = in.clone();
        java.util.Arrays.fill(step, 1);
        for (int k = 0; k < layer.axes().length; k++) {
            int a = Shapes.axis(layer.axes()[k], rank, "slice");
            int[] r = layer.range(k, in[a]);
            start[a] = r[0];
            out[a] = r[1];
            step[a] = layer.steps()[k];
        }
        int[] inStride = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) {
            inStride[k] = s;
            s *= in[k];
        }
        float[] x = inputs[0].data();
        float[] y = new float[Math.toIntExact(Tensor.size(out))];
        int[] index = new int[rank];
        for (int d = 0; d < y.length; d++) {
            int src = 0;
            for (int k = 0; k < rank; k++) {
                src += (start[k] + index[k] * step[k]) * inStride[k];
            }
            y[d] = x[src];
            for (int k = rank - 1; k >= 0 && ++index[k] == out[k]; k--) {
                index[k] = 0;
            }
        }
        return new Tensor(out, y);
    }
}
