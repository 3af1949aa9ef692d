package org.sham4j.model.graph;

/** Inference-form batch normalisation over axis 1: y = scale (x - mean) / sqrt(var + epsilon) + bias. */
public record BatchNorm(float[] scale, float[] bias, float[] mean, float[] variance, float epsilon) implements Layer {
    public BatchNorm {
        int c = scale.length;
        if (bias.length != c || mean.length != c || variance.length != c) {
            throw new IllegalArgumentException("BatchNorm parameters differ in length");
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.batchNorm(this);
    }

    @Override
    public String kind() {
        return "BatchNorm";
    }
}
