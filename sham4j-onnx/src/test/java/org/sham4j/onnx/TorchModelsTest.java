package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;

/**
 * The five networks of the model-import issue as PyTorch 1.13 exports them (made by make_models.py beside the
 * fixtures): each imports to the layers named, runs in the Java runtime to PyTorch's outputs within 1e-4 of
 * their scale, and exports back to ONNX (opsets 13 and 17) that ONNX Runtime runs to the same outputs.
 */
class TorchModelsTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "cnn-batchnorm; Conv2D BatchNorm Relu MaxPool2D Conv2D BatchNorm Relu MaxPool2D Reshape Dense Relu Dense",
        "mlp-gelu-layernorm; Dense Gelu LayerNorm Dense Gelu LayerNorm Dense",
        "mlp-gelu-layernorm-opset13; Dense Gelu LayerNorm Dense Gelu LayerNorm Dense",
        "cnn-residual; Conv2D LeakyRelu Conv2D Silu Conv2D Add Silu GlobalAvgPool Flatten Dense",
        "cnn1d; Conv1D Relu MaxPool1D Conv1D Relu GlobalAvgPool Dense",
        "lstm; Transpose Dense LSTM Dense LSTM Transpose Slice Reshape Dense"})
    void runsToPyTorchOutputsAndExportsBack(String name, String layers) throws Exception {
        Path file = TorchFixtureTest.fixture(name + ".onnx");
        Graph g = OnnxImporter.read(file);
        assertEquals(List.of(layers.split(" ")), g.nodes().stream().map(n -> n.layer().kind()).toList());
        List<TorchFixtureTest.Case> cases = TorchFixtureTest.cases(file);
        assertEquals(2, cases.size());
        try (GraphRunner runner = new GraphRunner(g, 2)) {
            for (TorchFixtureTest.Case c : cases) {
                Tensor y = runner.run(Map.of("x", c.inputs().get(0))).get(g.outputs().get(0));
                double d = Ort.relativeDiff(c.outputs().get(0), y);
                assertTrue(d < 1e-4, name + " differs from PyTorch by " + d);
            }
        }
        for (int opset : new int[] {13, 17}) {
            ModelProto exported = OnnxExporter.toModel(g, opset);
            for (TorchFixtureTest.Case c : cases) {
                double d = Ort.relativeDiff(c.outputs().get(0), Ort.run(exported, c.inputs()).get(0));
                assertTrue(d < 1e-4, name + " exported at opset " + opset + " differs from PyTorch by " + d);
            }
        }
    }
}
