package org.sham4j.model.graph;

import java.util.Arrays;

/**
 * Pads every axis by {@code begin[k]} and {@code end[k]} (non-negative, one per axis, batch axis included) with
 * a constant, the mirror image of the values next to the edge (reflect), or the edge value.
 */
public record Pad(Mode mode, int[] begin, int[] end, float value) implements Layer {
    /** How the padding is filled. */
    public enum Mode {
        CONSTANT, REFLECT, EDGE
    }

    public Pad {
        if (begin.length != end.length || Arrays.stream(begin).anyMatch(p -> p < 0)
                || Arrays.stream(end).anyMatch(p -> p < 0)) {
            throw new IllegalArgumentException("pads " + Arrays.toString(begin) + " and " + Arrays.toString(end)
                    + " must be non-negative, one pair per axis");
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.pad(this);
    }

    @Override
    public String kind() {
        return "Pad";
    }
}
