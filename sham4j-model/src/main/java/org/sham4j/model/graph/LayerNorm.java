package org.sham4j.model.graph;

/**
 * Layer normalisation over the axes from {@code axis} to the last: y = (x − mean) / sqrt(var + epsilon) · scale
 * + bias, with mean and variance over those axes and scale and bias (bias may be null) holding one value per
 * normalised position.
 */
public record LayerNorm(int axis, float[] scale, float[] bias, float epsilon) implements Layer {
    public LayerNorm {
        if (bias != null && bias.length != scale.length) {
            throw new IllegalArgumentException("LayerNorm scale of " + scale.length + " and bias of " + bias.length);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("LayerNorm epsilon " + epsilon);
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.layerNorm(this);
    }

    @Override
    public String kind() {
        return "LayerNorm";
    }
}
