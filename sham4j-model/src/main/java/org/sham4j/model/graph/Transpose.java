package org.sham4j.model.graph;

/** Permutes the axes: output axis i is input axis perm[i]. */
public record Transpose(int[] perm) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.transpose(this);
    }

    @Override
    public String kind() {
        return "Transpose";
    }
}
