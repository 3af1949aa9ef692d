package org.sham4j.model.graph;

/** ONNX Flatten: (d0, ..., dn) to (d0·...·d(axis-1), d(axis)·...·dn). */
public record Flatten(int axis) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.flatten(this);
    }

    @Override
    public String kind() {
        return "Flatten";
    }
}
