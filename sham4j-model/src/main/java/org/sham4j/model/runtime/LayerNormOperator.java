package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.LayerNorm;

/** Normalises each row of the axes from the layer's axis on: mean and variance in double precision. */
final class LayerNormOperator implements Operator {
    private final LayerNorm layer;

    LayerNormOperator(LayerNorm layer) {
        this.layer = layer;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int a = Shapes.axis(layer.axis(), shape.length, "normalisation");
        int inner = Shapes.product(shape, a, shape.length);
        float[] scale = layer.scale();
        float[] bias = layer.bias();
        if (inner != scale.length) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer normalises "
                    + scale.length + " values");
        }
        float[] x = inputs[0].data();
        float[] y = new float[x.length];
        int rows = inner == 0 ? 0 : x.length / inner;
        Parallel.forRange(executor, rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * inner;
                double sum = 0;
                for (int k = 0; k < inner; k++) {
                    sum += x[base + k];
                }
                double mean = sum / inner;
                double sq = 0;
                for (int k = 0; k < inner; k++) {
                    double d = x[base + k] - mean;
                    sq += d * d;
                }
                double inv = 1 / Math.sqrt(sq / inner + layer.epsilon());
                for (int k = 0; k < inner; k++) {
                    y[base + k] = (float) ((x[base + k] - mean) * inv * scale[k] + (bias == null ? 0 : bias[k]));
                }
            }
        });
        return new Tensor(shape, y);
    }
}
