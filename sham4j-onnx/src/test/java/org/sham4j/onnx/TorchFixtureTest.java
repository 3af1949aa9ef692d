package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;

/**
 * The PyTorch-exported fixtures (made by make_fixture.py beside them): grouped and dilated Conv1d/Conv2d,
 * BatchNorm, max/average/global pools with ceil mode and padding, Embedding, Transpose, Concat, Gemm,
 * Softmax; in opsets 13 and 9. Imported, exported again and run by ONNX Runtime, they give PyTorch's outputs.
 */
class TorchFixtureTest {
    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TorchFixtureTest.class.getResource("torch/" + name).toURI());
    }

    /** Inputs and expected outputs of a test-data folder. */
    record Case(List<Tensor> inputs, List<Tensor> outputs) {
    }

    static List<Case> cases(Path model) throws Exception {
        String stem = model.getFileName().toString().replace(".onnx", "");
        List<Case> cases = new ArrayList<>();
        for (int k = 0; ; k++) {
            Path dir = model.resolveSibling(stem).resolve("test_data_set_" + k);
            if (!Files.isDirectory(dir)) {
                return cases;
            }
            cases.add(new Case(read(dir, "input_"), read(dir, "output_")));
        }
    }

    private static List<Tensor> read(Path dir, String prefix) throws Exception {
        List<Tensor> t = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + i + ".pb")); i++) {
            t.add(TensorProtos.read(dir.resolve(prefix + i + ".pb")));
        }
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed-opset13.onnx", "mixed-opset9.onnx"})
    void importsTheLayersPyTorchExported(String name) throws Exception {
        Graph g = OnnxImporter.read(fixture(name));
        assertEquals(List.of("Conv2D", "Relu", "BatchNorm", "MaxPool2D", "Conv2D", "AvgPool2D", "GlobalAvgPool", "Flatten",
                        "MaxPool2D", "Flatten", "Embedding", "Transpose", "Conv1D", "Sigmoid", "BatchNorm",
                        "MaxPool1D", "AvgPool1D", "Flatten", "Concat", "Dense", "Tanh", "Dense", "Softmax"),
                g.nodes().stream().map(n -> n.layer().kind()).toList());
        assertEquals(List.of("image", "tokens"), g.inputs().stream().map(i -> i.name()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed-opset13.onnx", "mixed-opset9.onnx"})
    void exportOfTheImportRunsInOnnxRuntimeToPyTorchOutputs(String name) throws Exception {
        Path file = fixture(name);
        Graph g = OnnxImporter.read(file);
        ModelProto exported = OnnxExporter.toModel(g);
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(file));
        for (Case c : cases(file)) {
            List<Tensor> ours = Ort.run(exported, c.inputs());
            List<Tensor> theirs = Ort.run(original, c.inputs());
            for (int i = 0; i < c.outputs().size(); i++) {
                assertTrue(Ort.maxDiff(c.outputs().get(i), theirs.get(i)) < 1e-5, "ORT vs PyTorch");
                double d = Ort.maxDiff(c.outputs().get(i), ours.get(i));
                assertTrue(d < 1e-5, name + " output " + i + " differs by " + d);
            }
        }
        GraphAssert.assertSameGraph(g, OnnxImporter.read(exported.toByteArray(), "exported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed-opset13.onnx", "mixed-opset9.onnx"})
    void javaRuntimeGivesPyTorchOutputs(String name) throws Exception {
        Path file = fixture(name);
        Graph g = OnnxImporter.read(file);
        try (GraphRunner runner = new GraphRunner(g, 2)) {
            for (Case c : cases(file)) {
                Map<String, Tensor> in = new HashMap<>();
                for (int i = 0; i < c.inputs().size(); i++) {
                    in.put(g.inputs().get(i).name(), c.inputs().get(i));
                }
                Map<String, Tensor> out = runner.run(in);
                for (int i = 0; i < c.outputs().size(); i++) {
                    double d = Ort.relativeDiff(c.outputs().get(i), out.get(g.outputs().get(i)));
                    assertTrue(d < 1e-5, name + " output " + i + " differs by " + d);
                }
            }
        }
    }
}
