package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Flatten;

/** ONNX Flatten: (d0..dn) to (d0·...·d(a-1), da·...·dn); the values are shared, not copied. */
final class FlattenOperator implements Operator {
    private final int axis;

    FlattenOperator(Flatten flatten) {
        this.axis = flatten.axis();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a > shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for input shape " + Shapes.of(shape));
        }
        return inputs[0].reshape(Shapes.product(shape, 0, a), Shapes.product(shape, a, shape.length));
    }
}
