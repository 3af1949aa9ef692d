package org.sham4j.model.graph;

/** ONNX Reshape with a constant shape: 0 keeps the input's dimension, -1 takes what remains. */
public record Reshape(int[] shape) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.reshape(this);
    }

    @Override
    public String kind() {
        return "Reshape";
    }
}
