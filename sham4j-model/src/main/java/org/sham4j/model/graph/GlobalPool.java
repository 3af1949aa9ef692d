package org.sham4j.model.graph;

/**
 * Max or average over all spatial axes of (N, C, spatial...): gives (N, C), or (N, C, 1, ...) when
 * {@code keepDims} (as ONNX does).
 */
public record GlobalPool(PoolKind poolKind, boolean keepDims) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.globalPool(this);
    }

    @Override
    public String kind() {
        return poolKind == PoolKind.MAX ? "GlobalMaxPool" : "GlobalAvgPool";
    }
}
