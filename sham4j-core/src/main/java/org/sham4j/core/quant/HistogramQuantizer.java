package org.sham4j.core.quant;

import java.util.ArrayList;
import java.util.List;

/**
 * The common path of the quantizers: collect the weights to cluster into a {@link Histogram}, fit codes on it
 * (or take the distinct values when there are at most k), then code every weight.
 */
abstract class HistogramQuantizer implements Quantizer {

    /** Fits at most k codes on a histogram of more than k distinct values. */
    abstract Codes fit(Histogram h, int k);

    @Override
    public final List<Quantization> quantizeAll(List<float[]> layers, int k, Zeros zeros) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        Histogram h = Histogram.of(layers, zeros);
        Codes codes = h.size() <= k ? Partition.identity(h) : fit(h, k);
        float[] codebook = codes.codebook();
        List<Quantization> out = new ArrayList<>(layers.size());
        for (float[] w : layers) {
            int[] a = new int[w.length];
            for (int i = 0; i < w.length; i++) {
                a[i] = zeros == Zeros.KEEP && w[i] == 0f ? Quantization.ZERO : codes.code(w[i] + 0f);
            }
            out.add(Quantization.of(w, codebook, a));
        }
        return out;
    }
}
