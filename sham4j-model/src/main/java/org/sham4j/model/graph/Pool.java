package org.sham4j.model.graph;

/**
 * Max or average pooling over 1 or 2 spatial axes. Average pooling divides by the window's size including
 * padding when {@code countIncludePad}, else by the valid positions only. {@code ceilMode} rounds the output
 * size up.
 */
public record Pool(PoolKind poolKind, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd,
                   boolean countIncludePad, boolean ceilMode) implements Layer {
    public Pool {
        int dims = kernel.length;
        if (dims < 1 || dims > 2 || strides.length != dims || padsBegin.length != dims || padsEnd.length != dims) {
            throw new IllegalArgumentException("Pool needs 1 or 2 spatial axes with one stride and pad each");
        }
    }

    public int dims() {
        return kernel.length;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.pool(this);
    }

    @Override
    public String kind() {
        return (poolKind == PoolKind.MAX ? "MaxPool" : "AvgPool") + dims() + "D";
    }
}
