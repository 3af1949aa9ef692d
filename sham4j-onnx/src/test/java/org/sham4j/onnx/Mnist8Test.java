package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sham4j.core.SharedData;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;

/** The real mnist-8 model of ../shared/data/models (skipped without it). */
class Mnist8Test {
    static Path model() {
        return Path.of(SharedData.file("models/mnist-8/mnist-8.onnx"));
    }

    @Test
    void importsAsConvPoolDense() throws Exception {
        Graph g = OnnxImporter.read(model());
        assertEquals(List.of("Conv2D", "Relu", "MaxPool2D", "Conv2D", "Relu", "MaxPool2D", "Reshape", "Dense"),
                g.nodes().stream().map(n -> n.layer().kind()).toList());
        assertArrayEquals(new int[] {1, 28, 28}, g.inputs().get(0).shape());
        Conv c1 = (Conv) g.nodes().get(0).layer();
        assertArrayEquals(new int[] {2, 2}, c1.padsBegin());
        assertArrayEquals(new int[] {2, 2}, c1.padsEnd());
        assertEquals(8, c1.bias().length);
        Dense d = (Dense) g.nodes().get(7).layer();
        assertEquals(256, d.weights().rows());
        assertEquals(10, d.weights().cols());
        assertEquals(List.of("Plus214_Output_0"), g.outputs());
    }

    @Test
    void exportOfTheImportRunsInOnnxRuntimeToTheTestVectors() throws Exception {
        Graph g = OnnxImporter.read(model());
        ModelProto exported = OnnxExporter.toModel(g);
        for (int k = 0; k < 3; k++) {
            Path dir = model().resolveSibling("test_data_set_" + k);
            Tensor in = TensorProtos.read(dir.resolve("input_0.pb"));
            Tensor expected = TensorProtos.read(dir.resolve("output_0.pb"));
            Tensor ours = Ort.run(exported, List.of(in)).get(0);
            double d = Ort.relativeDiff(expected, ours);
            System.out.printf("mnist-8 test_data_set_%d: exported model in ONNX Runtime, max |diff| %.3g "
                    + "(%.3g relative to max |ref|)%n", k, Ort.maxDiff(expected, ours), d);
            assertTrue(d < 1e-5, "set " + k + " differs by " + d);
        }
        GraphAssert.assertSameGraph(g, OnnxImporter.read(exported.toByteArray(), "exported"));
    }

    @Test
    void javaRuntimeReproducesTheTestVectors() throws Exception {
        try (GraphRunner runner = new GraphRunner(OnnxImporter.read(model()), 2)) {
            for (int k = 0; k < 3; k++) {
                Path dir = model().resolveSibling("test_data_set_" + k);
                Tensor expected = TensorProtos.read(dir.resolve("output_0.pb"));
                Tensor ours = runner.run(TensorProtos.read(dir.resolve("input_0.pb")));
                double d = Ort.relativeDiff(expected, ours);
                System.out.printf("mnist-8 test_data_set_%d: Java runtime, max |diff| %.3g (%.3g relative)%n", k,
                        Ort.maxDiff(expected, ours), d);
                assertTrue(d < 1e-5, "set " + k + " differs by " + d);
            }
        }
    }

    @Test
    void readsTestVectors() throws Exception {
        Path dir = model().resolveSibling("test_data_set_0");
        Tensor in = TensorProtos.read(dir.resolve("input_0.pb"));
        assertArrayEquals(new int[] {1, 1, 28, 28}, in.shape());
        Tensor out = TensorProtos.read(dir.resolve("output_0.pb"));
        assertArrayEquals(new int[] {1, 10}, out.shape());
    }
}
