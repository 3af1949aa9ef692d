package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;

/** An elementwise function, computed in double precision and rounded to float32. */
final class ActivationOperator implements Operator {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private final Activation layer;

    ActivationOperator(Activation activation) {
        this.layer = activation;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        float[] x = inputs[0].data();
        float[] y = new float[x.length];
        Parallel.forRange(executor, x.length, (from, to) -> {
            for (int k = from; k < to; k++) {
                y[k] = (float) of(layer, x[k]);
            }
        });
        return new Tensor(inputs[0].shape(), y);
    }

    /** The function's value at {@code v}. */
    static double of(Activation a, double v) {
        double alpha = a.alpha();
        double beta = a.beta();
        return switch (a.function()) {
            case RELU -> v > 0 ? v : 0;
            case TANH -> Math.tanh(v);
            case SIGMOID -> sigmoid(v);
            case LEAKY_RELU -> v >= 0 ? v : alpha * v;
            case ELU -> v >= 0 ? v : alpha * Math.expm1(v);
            case SELU -> beta * (v > 0 ? v : alpha * Math.expm1(v));
            case CLIP -> Math.min(Math.max(v, alpha), beta);
            case HARD_SIGMOID -> Math.max(0, Math.min(1, alpha * v + beta));
            case HARD_SWISH -> v * Math.max(0, Math.min(1, v / 6 + 0.5));
            case GELU -> 0.5 * v * (1 + Erf.of(v * SQRT_HALF));
            case SILU -> v * sigmoid(v);
            case ERF -> Erf.of(v);
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case SQRT -> Math.sqrt(v);
            case ABS -> Math.abs(v);
            case NEG -> -v;
            case SOFTPLUS -> v > 30 ? v : Math.log1p(Math.exp(v));
        };
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
