package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Dense;

/**
 * y = x W + b over the last axis, every leading axis being batch; W runs as a {@link WeightProduct} on the
 * executor's threads.
 */
final class DenseOperator implements Operator {
    private final WeightProduct weights;
    private final float[] bias;

    DenseOperator(Dense dense, WeightProducts products) {
        this.weights = WeightProduct.of(dense.weights(), products);
        this.bias = dense.bias();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int in = weights.rows();
        if (shape.length < 2 || shape[shape.length - 1] != in) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", weights expect (N, " + in + ")");
        }
        int batch = Shapes.product(shape, 0, shape.length - 1);
        int out = weights.cols();
        float[] y = new float[Math.toIntExact((long) batch * out)];
        float[] x = inputs[0].data();
        weights.multiply(x, batch, y, executor);
        Bias.add(y, batch, bias);
        shape[shape.length - 1] = out;
        return new Tensor(shape, y);
    }
}
