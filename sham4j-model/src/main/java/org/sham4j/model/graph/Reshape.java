package org.sham4j.model.graph;

/** ONNX Reshape with a constant shape: 0 keeps the input's dimension, -1 takes what remains. */
public record Reshape(int[] shape) implements Layer {
    public Reshape {
        int free = 0;
        for (int d : shape) {
            if (d < -1) {
                throw new IllegalArgumentException("target shape " + java.util.Arrays.toString(shape)
                        + " has a dimension below -1");
            }
            free += d == -1 ? 1 : 0;
        }
        if (free > 1) {
            throw new IllegalArgumentException("target shape " + java.util.Arrays.toString(shape)
                    + " has more than one -1");
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.reshape(this);
    }

    @Override
    public String kind() {
        return "Reshape";
    }
}
