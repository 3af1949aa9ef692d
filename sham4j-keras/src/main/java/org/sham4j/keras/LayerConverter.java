package org.sham4j.keras;

import java.util.List;
import org.sham4j.core.io.InvalidInputException;

/** Turns one call of a Keras layer into graph nodes, giving the tensor the call outputs. */
@FunctionalInterface
interface LayerConverter {
    KerasTensor convert(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException;

    /** The one input of a single-input layer. */
    static KerasTensor single(LayerConfig layer, List<KerasTensor> inputs) throws InvalidInputException {
        if (inputs.size() != 1) {
            throw layer.invalid("takes one input, got " + inputs.size());
        }
        return inputs.get(0);
    }
}
