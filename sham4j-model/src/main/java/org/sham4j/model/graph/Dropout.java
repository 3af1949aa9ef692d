package org.sham4j.model.graph;

/** Dropout: the identity at inference; {@code rate} is kept for training. */
public record Dropout(float rate) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.dropout(this);
    }

    @Override
    public String kind() {
        return "Dropout";
    }
}
