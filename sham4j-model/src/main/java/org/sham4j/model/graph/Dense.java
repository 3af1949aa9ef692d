package org.sham4j.model.graph;

import org.sham4j.core.format.CompressedMatrix;

/**
 * Fully connected: y = x W + b for x of shape (N, in); W is in x out, in any storage format; bias may be null.
 */
public record Dense(CompressedMatrix weights, float[] bias) implements Layer, WeightedLayer {
    public Dense {
        if (bias != null && bias.length != weights.cols()) {
            throw new IllegalArgumentException("bias of " + bias.length + " for " + weights.cols() + " outputs");
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.dense(this);
    }

    @Override
    public Family family() {
        return Family.DENSE;
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public Layer withParameters(CompressedMatrix w, float[] b) {
        return new Dense(w, b);
    }
}
