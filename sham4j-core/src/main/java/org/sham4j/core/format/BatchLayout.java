package org.sham4j.core.format;

/** Conversions of a batch of vectors between row-major and interleaved (entry-major) layouts. */
public final class BatchLayout {
    private BatchLayout() {
    }

    /**
     * Interleaves a row-major batch x[b*n + i] into xt[i*batch + b], so that kernels read the batch's
     * entries for one row contiguously. Returns x itself for a batch of one.
     */
    public static float[] interleave(float[] x, int batch, int n) {
        if (batch == 1) {
            return x;
        }
        float[] xt = new float[Math.toIntExact((long) batch * n)];
        for (int b = 0; b < batch; b++) {
            int base = b * n;
            for (int i = 0; i < n; i++) {
                xt[i * batch + b] = x[base + i];
            }
        }
        return xt;
    }
}
