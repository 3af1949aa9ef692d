package org.sham4j.model.graph;

import org.sham4j.core.format.CompressedMatrix;

/** A layer whose main parameters form one weight matrix, stored in any format: what compression works on. */
public interface WeightedLayer {
    /** The weight matrix, inputs x outputs. */
    CompressedMatrix weights();

    /** The same layer with other weights of the same shape. */
    Layer withWeights(CompressedMatrix weights);
}
