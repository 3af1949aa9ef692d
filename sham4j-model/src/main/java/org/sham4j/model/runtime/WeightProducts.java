package org.sham4j.model.runtime;

/**
 * How a {@link GraphRunner} multiplies weight matrices stored in a compressed format: on the stored bytes (the
 * default: a model runs straight from its compressed form, in the least memory) or decoded once for speed.
 */
public enum WeightProducts {
    /**
     * Every matrix decoded once, when the runner is built, into the layout of the runtime's own kernels: CSC
     * arrays (about 8 bytes per non-zero) when at most 40 % of its entries are non-zero, a dense panel otherwise.
     * The fastest way, and a compressed model runs at least as fast as its float32 original; memory is that of
     * CSC, not of the stored format. A matrix whose dense form (made while decoding) would take more than a
     * quarter of the heap left keeps its format's product.
     */
    DECODED,
    /**
     * Each matrix multiplied by its format's own product on the stored bytes (weights stored dense or in CSC
     * still run the runtime's kernels on their stored arrays): the least memory, the format's speed.
     */
    STORED
}
