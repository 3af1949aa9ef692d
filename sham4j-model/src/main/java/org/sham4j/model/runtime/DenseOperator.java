package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Dense;

/**
 * y = x W + b over the last axis, every leading axis being batch; W runs in its storage format. A batch of up
 * to one tile is one product on the executor's threads; a larger one is tiled ({@link TiledProduct}).
 */
final class DenseOperator implements Operator {
    private final CompressedMatrix weights;
    private final float[] bias;

    DenseOperator(Dense dense) {
        this.weights = dense.weights();
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
        if (batch <= TiledProduct.TILE) {
            weights.multiply(x, batch, y, executor);
            Bias.add(y, batch, bias);
        } else {
            TiledProduct.run(weights, batch, (from, count, tile) -> System.arraycopy(x, from * in, tile, 0, count * in),
                    (from, count, tile) -> {
                        Bias.add(tile, count, bias);
                        System.arraycopy(tile, 0, y, from * out, count * out);
                    }, executor);
        }
        shape[shape.length - 1] = out;
        return new Tensor(shape, y);
    }
}
