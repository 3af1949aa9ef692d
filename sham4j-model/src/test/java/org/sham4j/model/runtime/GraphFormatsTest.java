package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;

/**
 * A small multi-layer graph gives the same outputs whatever format its weights are stored in, decoded or run in
 * their format, on any threads.
 */
class GraphFormatsTest {
    private static Tensor run(Graph g, int threads, Tensor x, WeightProducts products) {
        try (GraphRunner r = new GraphRunner(g, threads, products)) {
            return r.run(x);
        }
    }

    @Test
    void everyFormatGivesTheSameOutputsOnAnyThreadCount() {
        Graph g = Fixtures.smallCnn(21);
        Tensor x = Fixtures.tensor(new Random(22), 7, 1, 8, 8);
        Tensor reference = run(g, 1, x, WeightProducts.DECODED);
        assertArrayEquals(new int[] {7, 5}, reference.shape());
        for (WeightProducts products : WeightProducts.values()) {
            for (String format : new String[] {"dense", "csc", "sham", "gsham", "ham", "csr"}) {
                Graph f = Fixtures.inFormat(g, format);
                String what = format + " " + products;
                Tensor one = run(f, 1, x, products);
                for (int k = 0; k < one.data().length; k++) {
                    assertEquals(reference.data()[k], one.data()[k], 1e-5, what + " entry " + k);
                }
                assertArrayEquals(one.data(), run(f, 1, x, products).data(), what + ": repeated runs differ");
                if (products == WeightProducts.DECODED || !format.equals("csr")) {
                    assertArrayEquals(one.data(), run(f, 3, x, products).data(), what + ": 1 and 3 threads differ");
                }
            }
        }
    }
}
