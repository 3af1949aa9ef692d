package org.sham4j.core.quant;

import java.util.List;

/**
 * Weight sharing: replaces weights by at most k shared values. Zeros are kept exactly by default
 * ({@link Zeros#KEEP}), as a pruned matrix needs. If k is at least the number of distinct values to
 * quantize, every quantizer returns them unchanged (the codebook is the distinct values, the error 0).
 * Implementations are immutable and thread-safe; seeded ones give the same result for the same input.
 */
public interface Quantizer {
    /** Largest k accepted. */
    int MAX_K = 1 << 16;

    /** Short name of the method and its options, as in a {@link QuantizerSpec}. */
    String name();

    /**
     * One codebook for all the layers (unified quantization); one result per layer, in order, all with the
     * same codebook.
     *
     * @throws IllegalArgumentException if k is not in 1..{@link #MAX_K} or a weight is NaN or infinite
     */
    List<Quantization> quantizeAll(List<float[]> layers, int k, Zeros zeros);

    /** Unified quantization keeping zeros. */
    default List<Quantization> quantizeAll(List<float[]> layers, int k) {
        return quantizeAll(layers, k, Zeros.KEEP);
    }

    /** Quantizes one array. */
    default Quantization quantize(float[] weights, int k, Zeros zeros) {
        return quantizeAll(List.of(weights), k, zeros).get(0);
    }

    /** Quantizes one array keeping zeros. */
    default Quantization quantize(float[] weights, int k) {
        return quantize(weights, k, Zeros.KEEP);
    }
}
