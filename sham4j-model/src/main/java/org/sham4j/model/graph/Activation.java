package org.sham4j.model.graph;

/** An elementwise nonlinearity. */
public record Activation(Function function) implements Layer {
    /** The supported functions. */
    public enum Function {
        RELU, TANH, SIGMOID
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.activation(this);
    }

    @Override
    public String kind() {
        return switch (function) {
            case RELU -> "Relu";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
        };
    }
}
