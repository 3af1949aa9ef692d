package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Reshape;

/** ONNX Reshape: 0 keeps the input's dimension at that index, -1 takes what remains; values are shared. */
final class ReshapeOperator implements Operator {
    private final int[] target;

    ReshapeOperator(Reshape reshape) {
        this.target = reshape.shape().clone();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] in = inputs[0].shape();
        int[] out = target.clone();
        long known = 1;
        int free = -1;
        for (int k = 0; k < out.length; k++) {
            if (out[k] == 0) {
                if (k >= in.length) {
                    throw mismatch(in);
                }
                out[k] = in[k];
            }
            if (out[k] == -1) {
                free = k;
            } else {
                known *= out[k];
            }
        }
        long size = Tensor.size(in);
        if (free >= 0) {
            if (known == 0 || size % known != 0) {
                throw mismatch(in);
            }
            out[free] = (int) (size / known);
        } else if (known != size) {
            throw mismatch(in);
        }
        return inputs[0].reshape(out);
    }

    private IllegalArgumentException mismatch(int[] in) {
        return new IllegalArgumentException("input shape " + Shapes.of(in) + " cannot take the shape "
                + Shapes.of(target));
    }
}
