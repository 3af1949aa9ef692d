package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;

/** Relu, tanh or the logistic sigmoid, elementwise. */
final class ActivationOperator implements Operator {
    private final Activation.Function function;

    ActivationOperator(Activation activation) {
        this.function = activation.function();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        float[] x = inputs[0].data();
        float[] y = new float[x.length];
        Parallel.forRange(executor, x.length, (from, to) -> {
            switch (function) {
                case RELU -> {
                    for (int k = from; k < to; k++) {
                        y[k] = x[k] > 0f ? x[k] : 0f;
                    }
                }
                case TANH -> {
                    for (int k = from; k < to; k++) {
                        y[k] = (float) Math.tanh(x[k]);
                    }
                }
                case SIGMOID -> {
                    for (int k = from; k < to; k++) {
                        y[k] = (float) (1.0 / (1.0 + Math.exp(-x[k])));
                    }
                }
            }
        });
        return new Tensor(inputs[0].shape(), y);
    }
}
