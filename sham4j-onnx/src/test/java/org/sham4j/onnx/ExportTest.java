package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.testing.EveryLayer;

/**
 * Graphs with every layer kind, weights in several storage formats: exported, they run in ONNX Runtime as in
 * the Java runtime, and read back to the same graph with the weights exact to the bit.
 */
class ExportTest {
    private final Random rnd = new Random(3);
    @TempDir
    Path dir;

    private CompressedMatrix weights(String format, int rows, int cols) {
        float[] v = OnnxModels.random(rnd, rows * cols);
        for (int i = 0; i < v.length; i += 3) {
            v[i] = 0f;
        }
        return Formats.byName(format).encode(SparseMatrix.fromDense(new DenseMatrix(rows, cols, v)));
    }

    private float[] positive(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + rnd.nextFloat();
        }
        return v;
    }

    private static Node node(String name, Layer layer, String output, String... inputs) {
        return new Node(name, layer, List.of(inputs), output);
    }

    /** An image branch and a token branch with every layer kind; two outputs. */
    private Graph everyLayer() {
        List<Node> n = new ArrayList<>();
        n.add(node("conv1", new Conv(weights("csc", 3 * 9, 4), OnnxModels.random(rnd, 4), 3, 4, new int[] {3, 3},
                new int[] {2, 1}, new int[] {1, 0}, new int[] {0, 1}, new int[] {1, 1}, 1), "c1", "image"));
        n.add(node("bn", new BatchNorm(positive(4), OnnxModels.random(rnd, 4), OnnxModels.random(rnd, 4),
                positive(4), 1e-3f), "b1", "c1"));
        n.add(node("relu", new Activation(Activation.Function.RELU), "r1", "b1"));
        n.add(node("max", new Pool(PoolKind.MAX, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, false, false), "p1", "r1"));
        n.add(node("conv2", new Conv(weights("sham", 2 * 4, 4), null, 4, 4, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, 2), "c2", "p1"));
        n.add(node("avg", new Pool(PoolKind.AVERAGE, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, true, true), "p2", "c2"));
        n.add(node("sig", new Activation(Activation.Function.SIGMOID), "s2", "p2"));
        n.add(node("sum", new Add(), "a2", "s2", "p2", "s2"));
        n.add(node("gmax", new GlobalPool(PoolKind.MAX, true), "g1", "a2"));
        n.add(node("flat", new Flatten(1), "f1", "g1"));
        n.add(node("gavg", new GlobalPool(PoolKind.AVERAGE, false), "g2", "a2"));
        n.add(node("embed", new Embedding(new DenseMatrix(10, 3, OnnxModels.random(rnd, 30))), "e", "tokens"));
        n.add(node("swap", new Transpose(new int[] {0, 2, 1}), "et", "e"));
        n.add(node("conv1d", new Conv(weights("dense", 3 * 2, 4), OnnxModels.random(rnd, 4), 3, 4, new int[] {2},
                new int[] {1}, new int[] {1}, new int[] {0}, new int[] {2}, 1), "c3", "et"));
        n.add(node("pool1d", new Pool(PoolKind.MAX, new int[] {2}, new int[] {2}, new int[] {0}, new int[] {0},
                false, true), "p3", "c3"));
        n.add(node("reshape", new Reshape(new int[] {0, -1}), "f3", "p3"));
        n.add(node("join", new Concat(1), "j", "f1", "g2", "f3"));
        n.add(node("fc1", new Dense(weights("csr", 20, 7), OnnxModels.random(rnd, 7)), "h", "j"));
        n.add(node("drop", new Dropout(0.3f), "hd", "h"));
        n.add(node("tanh", new Activation(Activation.Function.TANH), "ht", "hd"));
        n.add(node("fc2", new Dense(weights("dense", 7, 5), null), "z", "ht"));
        n.add(node("softmax", new Softmax(-1), "probs", "z"));
        return new Graph(List.of(new InputSpec("image", new int[] {3, 9, 8}), new InputSpec("tokens", new int[] {6})),
                n, List.of("probs", "h"), new Preprocessing(1 / 255f, new float[] {0.4f, 0.5f, 0.6f},
                new float[] {0.2f, 0.25f, 0.3f}, Preprocessing.Layout.NHWC));
    }

    private List<Tensor> inputs(int batch) {
        float[] tokens = new float[batch * 6];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rnd.nextInt(10);
        }
        return List.of(OnnxModels.random(rnd, batch, 3, 9, 8), new Tensor(new int[] {batch, 6}, tokens));
    }

    @Test
    void everyLayerRunsInOnnxRuntimeAsInJava() throws Exception {
        Graph g = everyLayer();
        assertEquals(Set.of("Dense", "Conv1D", "Conv2D", "MaxPool2D", "AvgPool2D", "MaxPool1D", "GlobalMaxPool",
                "GlobalAvgPool", "Flatten", "Reshape", "Transpose", "Embedding", "Concat", "Add", "BatchNorm",
                "Dropout", "Relu", "Tanh", "Sigmoid", "Softmax"), new HashSet<>(g.nodes().stream()
                .map(x -> x.layer().kind()).toList()));
        ModelProto model = OnnxExporter.toModel(g, 19);
        List<Tensor> in = inputs(3);
        List<Tensor> ort = Ort.run(model, in);
        try (GraphRunner runner = new GraphRunner(g, 2)) {
            Map<String, Tensor> out = runner.run(Map.of("image", in.get(0), "tokens", in.get(1)));
            for (int i = 0; i < 2; i++) {
                double d = Ort.relativeDiff(ort.get(i), out.get(g.outputs().get(i)));
                assertTrue(d < 1e-5, "output " + i + " differs by " + d);
            }
        }
    }

    /** Every layer kind and function, exported at every opset, runs in ONNX Runtime as in the Java runtime. */
    @ParameterizedTest
    @ValueSource(ints = {13, 14, 15, 16, 17, 18, 19, 20, 21})
    void theGraphOfEveryLayerRunsInOnnxRuntimeAtEveryOpset(int opset) throws Exception {
        Graph g = EveryLayer.graph(5);
        assertEquals(Layer.class.getPermittedSubclasses().length, EveryLayer.kinds(g).size());
        ModelProto model = OnnxExporter.toModel(g, opset);
        assertEquals(opset, model.getOpsetImport(0).getVersion());
        assertEquals(OnnxExporter.irVersion(opset), model.getIrVersion());
        List<Tensor> in = EveryLayer.inputs(6, 4);
        List<Tensor> ort = Ort.run(model, in);
        try (GraphRunner runner = new GraphRunner(g, 2)) {
            Map<String, Tensor> out = runner.run(Map.of("image", in.get(0), "tokens", in.get(1), "sequence",
                    in.get(2)));
            for (int i = 0; i < 2; i++) {
                double d = Ort.relativeDiff(ort.get(i), out.get(g.outputs().get(i)));
                assertTrue(d < 1e-5, "opset " + opset + " output " + i + " differs by " + d);
            }
        }
        if (opset >= 14) {
            GraphAssert.assertSameGraph(g, OnnxImporter.read(model.toByteArray(), "exported"));
        }
    }

    @Test
    void outputsDeclareTheirShapesWithTheBatchSymbolic() throws Exception {
        ModelProto model = OnnxExporter.toModel(EveryLayer.graph(7));
        var probs = model.getGraph().getOutput(0).getType().getTensorType().getShape();
        assertEquals("N", probs.getDim(0).getDimParam());
        assertEquals(5, probs.getDim(1).getDimValue());
        var sequence = model.getGraph().getInput(2).getType().getTensorType().getShape();
        assertEquals(List.of("N", "5", "4"), sequence.getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue())).toList());
    }

    @Test
    void opsetsOutsideThirteenToTwentyOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.toModel(EveryLayer.graph(8), 12));
        assertEquals("opset 12 is not supported for export (13 to 21 are)", e.getMessage());
    }

    @Test
    void writesAtomicallyAndReadsBackTheSameGraph() throws Exception {
        Graph g = everyLayer();
        Path file = dir.resolve("model.onnx");
        OnnxExporter.write(g, file, 19);
        GraphAssert.assertSameGraph(g, OnnxImporter.read(file));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExporter.toModel(g, 18));
        assertEquals("node avg (AvgPool2D): AveragePool with count_include_pad and ceil mode divides its last windows "
                + "as the graph does only from opset 19", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void embeddingOfAComputedTensorGetsACast() throws Exception {
        List<Node> n = List.of(node("r", new Reshape(new int[] {0, 2, 2}), "t", "x"),
                node("e", new Embedding(new DenseMatrix(5, 2, OnnxModels.random(rnd, 10))), "y", "t"));
        Graph g = new Graph(List.of(new InputSpec("x", new int[] {4})), n, List.of("y"), Preprocessing.IDENTITY);
        ModelProto model = OnnxExporter.toModel(g);
        assertTrue(model.getGraph().getNodeList().stream().anyMatch(p -> p.getOpType().equals("Cast")));
        GraphAssert.assertSameGraph(g, OnnxImporter.read(model.toByteArray(), "exported"));
        Tensor x = new Tensor(new int[] {2, 4}, new float[] {0, 1, 2, 3, 4, 3, 2, 1});
        try (GraphRunner runner = new GraphRunner(g, 1)) {
            assertEquals(0.0, Ort.maxDiff(Ort.run(model, List.of(x)).get(0), runner.run(x)));
        }
    }
}
