package org.sham4j.core.quant;

/** What a quantizer does with weights that are exactly zero (either sign). */
public enum Zeros {
    /**
     * The default, meant for pruned matrices: zeros are left out of the clustering, keep the value 0 and the
     * assignment {@link Quantization#ZERO}; the codebook and k then describe the non-zero weights only.
     */
    KEEP,
    /** Zeros are ordinary weights: they are clustered with the others and may move to a non-zero value. */
    CLUSTER
}
