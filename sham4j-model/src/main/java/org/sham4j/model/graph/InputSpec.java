package org.sham4j.model.graph;

import java.util.Arrays;

/** A named model input and its shape without the batch axis, e.g. (1, 28, 28) for MNIST images. */
public record InputSpec(String name, int[] shape) {
    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
