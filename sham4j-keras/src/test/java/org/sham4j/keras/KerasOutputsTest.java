package org.sham4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.Preprocessor;

/**
 * Runs each imported fixture on its input, given in Keras' layout through the model's Preprocessing, and checks
 * the output against the numpy reference the fixture script computed.
 */
class KerasOutputsTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"sequential_cnn", "deepdta", "residual", "reshape_1d", "vgg19_small"})
    void outputMatchesTheNumpyReference(String name) throws IOException {
        Graph g = KerasImporter.read(Fixtures.file(name + ".h5"));
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < g.inputs().size(); i++) {
            InputSpec spec = g.inputs().get(i);
            Tensor raw = Fixtures.npy(name + "_input" + i + ".npy");
            inputs.put(spec.name(), Preprocessor.apply(g.preprocessing(), raw, spec));
        }
        Tensor expected = Fixtures.npy(name + "_output.npy");
        for (int threads : new int[] {1, 2}) {
            Tensor actual;
            try (GraphRunner runner = new GraphRunner(g, threads)) {
                actual = runner.run(inputs).get(g.outputs().get(0));
            }
            assertArrayEquals(expected.shape(), actual.shape(), name);
            float[] e = expected.data();
            float[] a = actual.data();
            double scale = 0;
            for (float v : e) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int k = 0; k < e.length; k++) {
                double err = Math.abs(a[k] - e[k]);
                assertTrue(err <= TOLERANCE * Math.max(Math.abs(e[k]), scale),
                        name + " output " + k + ": " + a[k] + " vs " + e[k]);
            }
        }
    }
}
