package org.sham4j.model.graph;

/** Softmax along {@code axis} (negative counts from the end), or its logarithm when {@code log}. */
public record Softmax(int axis, boolean log) implements Layer {
    /** A softmax (not its logarithm). */
    public Softmax(int axis) {
        this(axis, false);
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.softmax(this);
    }

    @Override
    public String kind() {
        return log ? "LogSoftmax" : "Softmax";
    }
}
