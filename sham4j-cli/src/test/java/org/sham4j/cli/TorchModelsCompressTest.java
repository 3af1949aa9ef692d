package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.onnx.Ort;
import org.sham4j.onnx.TensorProtos;

/**
 * The five PyTorch-exported networks of the model-import issue compress with {@code --layers all} (pruned and
 * shared on a tiny data set beside each fixture; the LSTM also fine-tuned, as DjlTrainerTest trains every layer
 * kind), and the compressed model exports to ONNX that ONNX Runtime runs to the Java runtime's outputs.
 */
class TorchModelsCompressTest {
    static final Path FIXTURES = Path.of("../sham4j-onnx/src/test/resources/org/sham4j/onnx/torch");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cnn-batchnorm", "mlp-gelu-layernorm", "cnn-residual", "cnn1d", "lstm"})
    void compressesEveryLayerAndExportsBack(String name) throws Exception {
        Path out = dir.resolve(name + ".sham");
        CliRun c = CliRun.of("compress", FIXTURES.resolve(name + ".onnx").toString(), "--data", "npz:"
                + FIXTURES.resolve(name).resolve("tiny.npz"), "--layers", "all", "--prune", "50", "--prune-scope",
                "layer", "--quantize", "cws:8", "--finetune-epochs", name.equals("lstm") ? "1" : "0", "--batch", "16",
                "--quiet", "--out", out.toString());
        assertEquals(0, c.exit(), c.err());
        Graph g = ModelFile.load(out);
        for (var n : g.nodes()) {
            if (n.layer() instanceof WeightedLayer w) {
                long distinct = java.util.Arrays.stream(toDoubles(w.weights().toDense().data())).filter(v -> v != 0)
                        .distinct().count();
                assertTrue(distinct <= 8, name + " layer " + n.name() + " keeps " + distinct + " values");
                assertTrue(w.weights().nonZeros() <= (long) w.weights().rows() * w.weights().cols() * 0.75,
                        name + " layer " + n.name() + " is not pruned");
            }
        }
        Path onnx = dir.resolve(name + ".onnx");
        CliRun e = CliRun.of("export", out.toString(), "--onnx", onnx.toString());
        assertEquals(0, e.exit(), e.err());
        Tensor x = TensorProtos.read(FIXTURES.resolve(name).resolve("test_data_set_1").resolve("input_0.pb"));
        Tensor ort = Ort.run(ModelProto.parseFrom(Files.readAllBytes(onnx)), List.of(x)).get(0);
        try (GraphRunner runner = new GraphRunner(g, 1)) {
            double d = Ort.relativeDiff(runner.run(x), ort);
            assertTrue(d < 1e-5, name + ": ONNX Runtime differs from the Java runtime by " + d);
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
