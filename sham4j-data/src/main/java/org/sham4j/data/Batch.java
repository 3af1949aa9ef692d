package org.sham4j.data;

import java.util.List;
import org.sham4j.core.matrix.Tensor;

/**
 * Some samples of a data set: one raw tensor (B, ...) per model input, in the order of the model's inputs, and
 * one target per sample (a class id, or a regression target).
 */
public record Batch(List<Tensor> inputs, float[] targets) {
    public Batch {
        inputs = List.copyOf(inputs);
    }

    public int size() {
        return targets.length;
    }
}
