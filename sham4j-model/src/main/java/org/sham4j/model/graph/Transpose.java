package org.sham4j.model.graph;

/** Permutes the axes: output axis i is input axis perm[i]. */
public record Transpose(int[] perm) implements Layer {
    @Override
    public String kind() {
        return "Transpose";
    }
}
