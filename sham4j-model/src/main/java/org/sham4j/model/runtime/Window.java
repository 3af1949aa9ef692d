package org.sham4j.model.runtime;

import org.sham4j.model.graph.Windows;

/**
 * The sliding-window geometry of a convolution or pooling, always over two spatial axes: a 1-D layer is
 * the 2-D case with a height of one. Output sizes are {@link Windows#outputSize}.
 */
record Window(int kh, int kw, int sh, int sw, int ph, int pw, int phEnd, int pwEnd, int dh, int dw, boolean ceil) {
    /** The geometry of a layer's per-axis arrays (1 or 2 axes). */
    static Window of(int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, boolean ceil) {
        for (int k = 0; k < kernel.length; k++) {
            if (kernel[k] < 1 || strides[k] < 1 || padsBegin[k] < 0 || padsEnd[k] < 0
                    || (dilations != null && dilations[k] < 1)) {
                throw new IllegalArgumentException("kernel, strides and dilations must be positive and pads "
                        + "non-negative");
            }
        }
        if (kernel.length == 1) {
            return new Window(1, kernel[0], 1, strides[0], 0, padsBegin[0], 0, padsEnd[0], 1,
                    dilations == null ? 1 : dilations[0], ceil);
        }
        return new Window(kernel[0], kernel[1], strides[0], strides[1], padsBegin[0], padsBegin[1], padsEnd[0],
                padsEnd[1], dilations == null ? 1 : dilations[0], dilations == null ? 1 : dilations[1], ceil);
    }

    int outH(int h) {
        return out(h, kh, sh, ph, phEnd, dh);
    }

    int outW(int w) {
        return out(w, kw, sw, pw, pwEnd, dw);
    }

    private int out(int in, int k, int s, int pb, int pe, int d) {
        return Windows.outputSize(in, k, s, pb, pe, d, ceil);
    }
}
