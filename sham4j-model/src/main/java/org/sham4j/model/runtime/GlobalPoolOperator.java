package org.sham4j.model.runtime;

import java.util.Arrays;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.PoolKind;

/** Max or mean over every spatial axis of (N, C, spatial...). */
final class GlobalPoolOperator implements Operator {
    private final GlobalPool pool;

    GlobalPoolOperator(GlobalPool pool) {
        this.pool = pool;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        if (shape.length < 3) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer expects (N, C, spatial...)");
        }
        int planes = shape[0] * shape[1];
        int size = Shapes.product(shape, 2, shape.length);
        if (size == 0) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + " has no spatial positions");
        }
        float[] x = inputs[0].data();
        float[] out = new float[planes];
        boolean max = pool.poolKind() == PoolKind.MAX;
        Parallel.forRange(executor, planes, (from, to) -> {
            for (int p = from; p < to; p++) {
                int base = p * size;
                if (max) {
                    float v = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < size; k++) {
                        v = Math.max(v, x[base + k]);
                    }
                    out[p] = v;
                } else {
                    float sum = 0f;
                    for (int k = 0; k < size; k++) {
                        sum += x[base + k];
                    }
                    out[p] = sum / size;
                }
            }
        });
        int[] outShape;
        if (pool.keepDims()) {
            outShape = new int[shape.length];
            Arrays.fill(outShape, 1);
            outShape[0] = shape[0];
            outShape[1] = shape[1];
        } else {
            outShape = new int[] {shape[0], shape[1]};
        }
        return new Tensor(outShape, out);
    }
}
