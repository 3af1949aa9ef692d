package org.sham4j.model.graph;

import org.sham4j.core.format.CompressedMatrix;

/**
 * A layer whose main parameters form one weight matrix, stored in any format, and an optional bias: what
 * compression works on and what training changes.
 */
public interface WeightedLayer {
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
