package org.sham4j.model.runtime;

import java.util.Arrays;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Reduce;

/** Mean, sum, max or min over some axes, accumulated in double precision. */
final class ReduceOperator implements Operator {
    private final Reduce layer;

    ReduceOperator(Reduce layer) {
        this.layer = layer;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] in = inputs[0].shape();
        int rank = in.length;
        boolean[] reduced = new boolean[rank];
        for (int a : layer.axes()) {
            reduced[Shapes.axis(a, rank, "reduction")] = true;
        }
        int[] kept = new int[rank];
        int[] stride = new int[rank];
        int outSize = 1;
        for (int k = rank - 1; k >= 0; k--) {
            kept[k] = reduced[k] ? 1 : in[k];
            stride[k] = reduced[k] ? 0 : outSize;
            outSize *= kept[k];
        }
        Reduce.Op op = layer.op();
        double[] acc = new double[outSize];
        if (op == Reduce.Op.MAX || op == Reduce.Op.MIN) {
            Arrays.fill(acc, op == Reduce.Op.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        float[] x = inputs[0].data();
        int[] index = new int[rank];
        int at = 0;
        for (int d = 0; d < x.length; d++) {
            double v = x[d];
            acc[at] = switch (op) {
                case MEAN, SUM -> acc[at] + v;
                case MAX -> Double.isNaN(v) || v > acc[at] ? v : acc[at];
                case MIN -> Double.isNaN(v) || v < acc[at] ? v : acc[at];
            };
            for (int k = rank - 1; k >= 0; k--) {
                at += stride[k];
                if (++index[k] < in[k]) {
                    break;
                }
                at -= stride[k] * in[k];
                index[k] = 0;
            }
        }
        long count = outSize == 0 ? 0 : x.length / outSize;
        float[] y = new float[outSize];
        for (int k = 0; k < outSize; k++) {
            y[k] = (float) (op == Reduce.Op.MEAN ? acc[k] / count : acc[k]);
        }
        if (layer.keepDims()) {
            return new Tensor(kept, y);
        }
        int[] out = new int[rank];
        int r = 0;
        for (int k = 0; k < rank; k++) {
            if (!reduced[k]) {
                out[r++] = in[k];
            }
        }
        return new Tensor(Arrays.copyOf(out, r), y);
    }
}
