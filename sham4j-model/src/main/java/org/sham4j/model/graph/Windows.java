package org.sham4j.model.graph;

/**
 * The output size of a sliding window (convolution or pooling) along one axis, as ONNX and PyTorch compute it:
 * floor((in + pads − extent) / stride) + 1, or the ceiling in ceil mode, where a last window that would start
 * in the end padding is dropped; 0 when the window does not fit at all.
 */
public final class Windows {
    private Windows() {
    }

    public static int outputSize(int in, int kernel, int stride, int padBegin, int padEnd, int dilation,
            boolean ceil) {
        long span = (long) in + padBegin + padEnd - ((long) (kernel - 1) * dilation + 1);
        if (span < 0) {
            return 0;
        }
        long o = ceil ? (span + stride - 1) / stride + 1 : span / stride + 1;
        if (ceil && (o - 1) * stride >= (long) in + padBegin) {
            o--;
        }
        return Math.toIntExact(o);
    }
}
