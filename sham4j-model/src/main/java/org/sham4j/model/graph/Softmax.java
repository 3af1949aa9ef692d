package org.sham4j.model.graph;

/** Softmax along {@code axis} (negative counts from the end). */
public record Softmax(int axis) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.softmax(this);
    }

    @Override
    public String kind() {
        return "Softmax";
    }
}
