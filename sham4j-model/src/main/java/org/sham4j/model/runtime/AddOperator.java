package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;

/** Elementwise sum of the inputs, left to right, broadcast ({@link Broadcast}). */
final class AddOperator implements Operator {
    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        Tensor sum = inputs[0];
        for (int k = 1; k < inputs.length; k++) {
            sum = Broadcast.apply(sum, inputs[k], Float::sum);
        }
        return inputs.length == 1 ? new Tensor(sum.shape(), sum.data().clone()) : sum;
    }
}
