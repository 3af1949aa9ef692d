package org.sham4j.bench;

import java.util.Random;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;

/** A batch of uniform [0, 1) inputs of a graph's first input shape, the same for every benchmark. */
final class RandomBatch {
    private RandomBatch() {
    }

    /** {@code batch} samples of {@code g}'s first input, drawn with seed 5. */
    static Tensor of(Graph g, int batch) {
        int[] shape = g.inputs().get(0).shape();
        int[] full = new int[shape.length + 1];
        full[0] = batch;
        System.arraycopy(shape, 0, full, 1, shape.length);
        Tensor input = Tensor.zeros(full);
        Random rnd = new Random(5);
        float[] d = input.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
        return input;
    }
}
