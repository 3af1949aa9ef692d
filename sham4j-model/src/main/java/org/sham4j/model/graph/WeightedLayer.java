package org.sham4j.model.graph;

import org.sham4j.core.format.CompressedMatrix;

/**
 * A layer whose main parameters form one weight matrix, stored in any format, and an optional bias: what
 * compression works on and what training changes.
 */
public interface WeightedLayer {
    /** What kind of weight matrix a layer holds, as layer selections name them. */
    enum Family {
        DENSE, CONV, RECURRENT
    }

    /** The family of this layer's matrix. */
    Family family();

    /** The weight matrix, inputs x outputs. */
    CompressedMatrix weights();

    /** The bias, or null. */
    float[] bias();

    /** The same layer with other weights of the same shape. */
    default Layer withWeights(CompressedMatrix weights) {
        return withParameters(weights, bias());
    }

    /** The same layer with other weights of the same shape and another bias (of the same length, or null). */
    Layer withParameters(CompressedMatrix weights, float[] bias);
}
