package org.sham4j.model.graph;

/**
 * An elementwise function with up to two parameters, {@code alpha} and {@code beta}, whose meaning depends on
 * the function (as in ONNX): LeakyRelu slope alpha; Elu alpha; Selu alpha and gamma (beta); Clip between alpha
 * and beta; HardSigmoid max(0, min(1, alpha x + beta)). The others take none (0).
 */
public record Activation(Function function, float alpha, float beta) implements Layer {
    /** The supported functions, each with its ONNX op name. */
    public enum Function {
        RELU("Relu"), TANH("Tanh"), SIGMOID("Sigmoid"), LEAKY_RELU("LeakyRelu"), ELU("Elu"), SELU("Selu"),
        CLIP("Clip"), HARD_SIGMOID("HardSigmoid"), HARD_SWISH("HardSwish"),
        /** x Φ(x) = x (1 + erf(x / √2)) / 2, exact (not the tanh approximation). */
        GELU("Gelu"),
        /** x σ(x), also called swish. */
        SILU("Silu"), ERF("Erf"), EXP("Exp"), LOG("Log"), SQRT("Sqrt"), ABS("Abs"), NEG("Neg"),
        SOFTPLUS("Softplus");

        private final String op;

        Function(String op) {
            this.op = op;
        }

        /** The ONNX name of the operation (Gelu and Silu have none before opset 20: the exporter expands them). */
        public String op() {
            return op;
        }
    }

    public Activation {
        if (function == Function.CLIP && !(alpha <= beta)) {
            throw new IllegalArgumentException("Clip between " + alpha + " and " + beta);
        }
    }

    /** The function with ONNX's default parameters (Clip: unbounded). */
    public Activation(Function function) {
        this(function, defaultAlpha(function), defaultBeta(function));
    }

    private static float defaultAlpha(Function f) {
        return switch (f) {
            case LEAKY_RELU -> 0.01f;
            case ELU -> 1f;
            case SELU -> 1.67326319217681884765625f;
            case HARD_SIGMOID -> 0.2f;
            case CLIP -> Float.NEGATIVE_INFINITY;
            default -> 0f;
        };
    }

    private static float defaultBeta(Function f) {
        return switch (f) {
            case SELU -> 1.05070102214813232421875f;
            case HARD_SIGMOID -> 0.5f;
            case CLIP -> Float.POSITIVE_INFINITY;
            default -> 0f;
        };
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.activation(this);
    }

    @Override
    public String kind() {
        return function.op();
    }
}
