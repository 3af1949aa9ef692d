package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.SharedData;
import org.sham4j.core.format.Formats;
import org.sham4j.core.io.NpyArrays;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.onnx.OnnxImporter;
import org.sham4j.onnx.TensorProtos;

/** {@code sham run} and {@code sham export} end to end, in process. */
class ModelCommandsTest {
    @TempDir
    Path dir;



    private static Path mnist() {
        return Path.of(SharedData.file("models/mnist-8"));
    }

    /** A small dense network, its weights in the sham format. */
    private static Graph mlp(Random rnd) {
        float[] w1 = new float[6 * 5];
        float[] w2 = new float[5 * 3];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = rnd.nextInt(3) == 0 ? 0 : (float) rnd.nextGaussian();
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) rnd.nextGaussian();
        }
        var sham = Formats.byName("sham");
        List<Node> nodes = List.of(
                new Node("fc1", new Dense(sham.encode(SparseMatrix.fromDense(new DenseMatrix(6, 5, w1))), null),
                        List.of("x"), "h"),
                new Node("relu", new Activation(Activation.Function.RELU), List.of("h"), "r"),
                new Node("fc2", new Dense(sham.encode(SparseMatrix.fromDense(new DenseMatrix(5, 3, w2))),
                        new float[] {0.1f, -0.2f, 0.3f}), List.of("r"), "z"),
                new Node("softmax", new Softmax(-1), List.of("z"), "p"));
        return new Graph(List.of(new InputSpec("x", new int[] {6})), nodes, List.of("p"), Preprocessing.IDENTITY);
    }

    @Test
    void runReproducesTheMnist8TestVectors() {
        CliRun r = CliRun.of("run", mnist().resolve("mnist-8.onnx").toString(), "--inputs", mnist().toString(), "--threads",
                "2");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.out().lines().filter(l -> l.contains("relative")).count(), r.out());
        CliRun strict = CliRun.of("run", mnist().resolve("mnist-8.onnx").toString(), "--inputs",
                mnist().resolve("test_data_set_0").toString(), "--tolerance", "1e-12");
        assertEquals(4, strict.exit());
        assertTrue(strict.err().startsWith("sham run: check failed: output 0 differs by"), strict.err());
        assertEquals(1, strict.err().lines().count());
    }

    @Test
    void exportedMnist8RunsToTheSameOutputsAndWritesThem() throws Exception {
        Path onnx = dir.resolve("mnist.onnx");
        CliRun e = CliRun.of("export", mnist().resolve("mnist-8.onnx").toString(), "--onnx", onnx.toString());
        assertEquals(0, e.exit(), e.err());
        Path outs = dir.resolve("outs");
        CliRun r = CliRun.of("run", onnx.toString(), "--inputs", mnist().toString(), "--out", outs.toString());
        assertEquals(0, r.exit(), r.err());
        for (int k = 0; k < 3; k++) {
            Tensor written = TensorProtos.read(outs.resolve("test_data_set_" + k).resolve("output_0.pb"));
            assertEquals(10, written.data().length);
        }
    }

    @Test
    void shamModelExportsAndRunsOnNpyInputs() throws Exception {
        Random rnd = new Random(9);
        Graph g = mlp(rnd);
        Path sham = dir.resolve("mlp.sham");
        ModelFile.save(sham, g);
        Path onnx = dir.resolve("mlp.onnx");
        assertEquals(0, CliRun.of("export", sham.toString(), "--onnx", onnx.toString()).exit());
        float[] x = new float[4 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        Tensor in = new Tensor(new int[] {4, 6}, x);
        Path npy = dir.resolve("x.npy");
        NpyWriter.write(npy, in);
        for (Path model : List.of(sham, onnx)) {
            Path outs = dir.resolve("out-" + model.getFileName());
            CliRun r = CliRun.of("run", model.toString(), "--inputs", npy.toString(), "--out", outs.toString());
            assertEquals(0, r.exit(), r.err());
            Tensor y;
            try (InputStream s = Files.newInputStream(outs.resolve("output_0.npy"))) {
                y = NpyArrays.read(s, "output_0.npy");
            }
            try (GraphRunner runner = new GraphRunner(g, 1)) {
                Tensor expected = runner.run(in);
                assertTrue(Arrays.equals(expected.shape(), y.shape()));
                if (model.equals(sham)) {
                    assertTrue(Arrays.equals(expected.data(), y.data()), model + " gives other outputs");
                } else {
                    // the export holds float32 weights: the runtime's dense kernels sum in another order than the
                    // stored format's product
                    for (int i = 0; i < y.data().length; i++) {
                        assertEquals(expected.data()[i], y.data()[i], 1e-5 * (1 + Math.abs(expected.data()[i])),
                                model + " output " + i);
                    }
                }
            }
        }
    }

    @Test
    void badModelsGiveOneLineErrors() throws Exception {
        Path cut = dir.resolve("cut.onnx");
        byte[] whole = Files.readAllBytes(mnist().resolve("mnist-8.onnx"));
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        CliRun r = CliRun.of("run", cut.toString(), "--inputs", mnist().toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("cut.onnx: not a valid ONNX model (truncated or corrupt protobuf"), r.err());

        ModelProto m = ModelProto.parseFrom(whole);
        var g = m.getGraph().toBuilder();
        g.setNode(3, NodeProto.newBuilder(g.getNode(3)).setOpType("Einsum"));
        g.setNode(7, NodeProto.newBuilder(g.getNode(7)).setOpType("Einsum"));
        Path odd = dir.resolve("einsum.onnx");
        Files.write(odd, m.toBuilder().setGraph(g).build().toByteArray());
        CliRun u = CliRun.of("export", odd.toString(), "--onnx", dir.resolve("x.onnx").toString());
        assertEquals(1, u.exit());
        assertEquals("sham export: error: " + odd + ": 2 nodes have ops that sham4j does not support: Einsum (nodes "
                + "'ReLU32', 'ReLU114')", u.err().strip());
        assertTrue(!Files.exists(dir.resolve("x.onnx")));
        Graph ok = OnnxImporter.read(mnist().resolve("mnist-8.onnx"));
        assertEquals(8, ok.nodes().size());
    }
}
