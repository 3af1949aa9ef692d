package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;

/** A small multi-layer graph gives the same outputs whatever format its weights are stored in, on any threads. */
class GraphFormatsTest {
    private static Tensor run(Graph g, int threads, Tensor x) {
        try (GraphRunner r = new GraphRunner(g, threads)) {
            return r.run(x);
        }
    }

    @Test
    void everyFormatGivesTheSameOutputsOnAnyThreadCount() {
        Graph g = Fixtures.smallCnn(21);
        Tensor x = Fixtures.tensor(new Random(22), 7, 1, 8, 8);
        Tensor reference = run(g, 1, x);
        assertArrayEquals(new int[] {7, 5}, reference.shape());
        for (String format : new String[] {"dense", "csc", "sham", "gsham", "ham", "csr"}) {
            Graph f = Fixtures.inFormat(g, format);
            Tensor one = run(f, 1, x);
            for (int k = 0; k < one.data().length; k++) {
                assertEquals(reference.data()[k], one.data()[k], 1e-5, format + " entry " + k);
            }
            assertArrayEquals(one.data(), run(f, 1, x).data(), format + ": repeated runs differ");
            if (!format.equals("csr")) {
                assertArrayEquals(one.data(), run(f, 3, x).data(), format + ": 1 and 3 threads differ");
            }
        }
    }
}
