package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Binary;

/** An elementwise operation of the two inputs, or of the input and the layer's constant, broadcast. */
final class BinaryOperator implements Operator {
    private final Binary layer;

    BinaryOperator(Binary layer) {
        this.layer = layer;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        Binary.Op op = layer.op();
        Tensor c = layer.constant();
        if (c == null) {
            return Broadcast.apply(inputs[0], inputs[1], op::apply);
        }
        return layer.constantFirst() ? Broadcast.apply(c, inputs[0], op::apply)
                : Broadcast.apply(inputs[0], c, op::apply);
    }
}
