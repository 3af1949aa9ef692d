package org.sham4j.model.graph;

/**
 * Max or average pooling over 1 or 2 spatial axes, with dilated windows. Average pooling divides by the
 * window's size including padding when {@code countIncludePad}, else by the valid positions only.
 * {@code ceilMode} rounds the output size up. Pads are smaller than the kernel, so every window holds an input
 * value.
 */
public record Pool(PoolKind poolKind, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations,
                   boolean countIncludePad, boolean ceilMode) implements Layer {
    public Pool {
        int dims = kernel.length;
        if (dims < 1 || dims > 2 || strides.length != dims || padsBegin.length != dims || padsEnd.length != dims
                || dilations.length != dims) {
            throw new IllegalArgumentException("Pool needs 1 or 2 spatial axes with one stride, pad and dilation "
                    + "each");
        }
        for (int k = 0; k < dims; k++) {
            if (kernel[k] < 1 || strides[k] < 1 || dilations[k] < 1 || padsBegin[k] < 0 || padsEnd[k] < 0) {
                throw new IllegalArgumentException("Pool kernel, strides and dilations must be positive and pads "
                        + "non-negative");
            }
            if (padsBegin[k] >= kernel[k] || padsEnd[k] >= kernel[k]) {
                throw new IllegalArgumentException("Pool pads " + java.util.Arrays.toString(padsBegin) + " and "
                        + java.util.Arrays.toString(padsEnd) + " must be smaller than the kernel "
                        + java.util.Arrays.toString(kernel));
            }
        }
    }

    /** Pooling over undilated windows. */
    public Pool(PoolKind poolKind, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd,
                boolean countIncludePad, boolean ceilMode) {
        this(poolKind, kernel, strides, padsBegin, padsEnd, ones(kernel.length), countIncludePad, ceilMode);
    }

    private static int[] ones(int n) {
        int[] d = new int[n];
        java.util.Arrays.fill(d, 1);
        return d;
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
