package org.sham4j.model.graph;

/** Joins its inputs along {@code axis} (negative counts from the end). */
public record Concat(int axis) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.concat(this);
    }

    @Override
    public String kind() {
        return "Concat";
    }
}
