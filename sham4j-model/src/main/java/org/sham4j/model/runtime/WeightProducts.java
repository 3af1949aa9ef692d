package org.sham4j.model.runtime;

/**
 * How a {@link GraphRunner} multiplies weight matrices stored in a compressed format: on the stored bytes (the
 * default: a model runs straight from its compressed form, in the least memory) or decoded once, whole.
 */
public enum WeightProducts {
    /**
     * Every matrix decoded once, when the runner is built, into the layout of the runtime's own kernels: CSC
     * arrays (about 8 bytes per non-zero) when at most 40 % of its entries are non-zero, a dense panel otherwise.
     * The fastest way, and a compressed model runs at least as fast as its float32 original; memory is that of
     * CSC, not of the stored format. A matrix whose dense form (made while decoding) would take more than a
     * quarter of the heap left is multiplied as {@link #STORED} multiplies it.
     */
    DECODED,
    /**
     * Each matrix multiplied on its stored bytes (weights stored dense or in CSC run the runtime's kernels on their
     * stored arrays): a batch of 8 or more vectors, or a convolution by sample, on column-ordered formats (HAM,
     * sHAM, gsham, IM, COO) runs the runtime's sparse kernel on slices of columns decoded into a small scratch per
     * thread (at most 192 KiB for up to 16,384 rows), once per block of 256 vectors or run of samples, summing as
     * the format's own product does, which smaller batches and the row-ordered formats (CSR, CSER) run: a row gives
     * the same bits alone or in any batch. The least memory, and about the speed of {@link #DECODED} on batches.
     */
    STORED
}
