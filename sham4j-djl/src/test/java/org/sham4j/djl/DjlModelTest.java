package org.sham4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
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
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.testing.EveryLayer;
import org.sham4j.model.zoo.Zoo;

/** The DJL form of a graph: exact weight round trips and the same outputs as the pure-Java runtime. */
class DjlModelTest {
    private static final float TOLERANCE = 1e-4f;

    @Test
    void weightsRoundTripExactly() {
        for (String arch : new String[] {"lenet-5", "deepdta", "lenet-300-100"}) {
            Graph g = Zoo.build(arch, 7);
            Graph back;
            try (DjlModel m = new DjlModel(g)) {
                back = m.toGraph();
            }
            assertSameWeights(g, back);
        }
    }

    @Test
    void lenet5MatchesTheRuntime() {
        Graph g = Zoo.build("lenet-5", 3);
        Tensor x = random(new int[] {4, 1, 28, 28}, new Random(1), false);
        assertSameOutputs(g, List.of(x));
    }

    @Test
    void deepDtaMatchesTheRuntime() {
        Graph g = Zoo.build("deepdta", 5);
        Random r = new Random(2);
        Tensor drug = labels(new int[] {3, 100}, 65, r);
        Tensor protein = labels(new int[] {3, 1000}, 26, r);
        assertSameOutputs(g, List.of(drug, protein));
    }

    @Test
    void otherLayersMatchTheRuntime() {
        Random r = new Random(4);
        List<Node> nodes = new ArrayList<>();
        // (N, 3, 9, 9): grouped strided conv with uneven padding, batch norm, tanh, average pool, residual add
        nodes.add(node("c1", new Conv(matrix(3 * 9, 6, r), vector(6, r), 3, 6, new int[] {3, 3}, new int[] {2, 1},
                new int[] {1, 0}, new int[] {0, 1}, new int[] {1, 2}, 1), "x"));
        nodes.add(node("c2", new Conv(matrix(3 * 4, 6, r), null, 6, 6, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 2), "c1"));
        float[] var = vector(6, r);
        for (int k = 0; k < var.length; k++) {
            var[k] = Math.abs(var[k]) + 0.5f;
        }
        nodes.add(node("bn", new BatchNorm(vector(6, r), vector(6, r), vector(6, r), var, 1e-5f), "c2"));
        nodes.add(node("t", new Activation(Activation.Function.TANH), "bn"));
        nodes.add(node("p", new Pool(PoolKind.AVERAGE, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, false, true), "t"));
        nodes.add(node("m", new Pool(PoolKind.MAX, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, false, false), "p"));
        nodes.add(node("a", new Add(), "p", "m"));
        nodes.add(node("g", new GlobalPool(PoolKind.AVERAGE, true), "a"));
        nodes.add(node("f", new Flatten(1), "g"));
        nodes.add(node("d", new Dense(matrix(6, 4, r), vector(4, r)), "f"));
        nodes.add(node("s", new Activation(Activation.Function.SIGMOID), "d"));
        nodes.add(node("rs", new Reshape(new int[] {0, 2, -1}), "s"));
        nodes.add(node("sm", new Softmax(-1), "rs"));
        Tensor x = random(new int[] {2, 3, 9, 9}, r, true);
        for (int k = 1; k <= nodes.size(); k++) {
            Graph g = new Graph(List.of(new InputSpec("x", new int[] {3, 9, 9})), nodes.subList(0, k),
                    List.of(nodes.get(k - 1).output()), Preprocessing.IDENTITY);
            assertSameOutputs(g, List.of(x));
        }
    }

    /** Every layer kind and function: DJL's output of every node is the Java runtime's. */
    @Test
    void everyLayerMatchesTheRuntimeNodeByNode() {
        Graph all = EveryLayer.graph(9);
        List<Tensor> inputs = EveryLayer.inputs(10, 3);
        assertEquals(Layer.class.getPermittedSubclasses().length, EveryLayer.kinds(all).size());
        Graph g = new Graph(all.inputs(), all.nodes(), all.nodes().stream().map(Node::output).toList(),
                all.preprocessing());
        List<Tensor> djl;
        try (DjlModel m = new DjlModel(g)) {
            djl = m.predictAll(inputs);
        }
        Map<String, Tensor> java;
        try (GraphRunner runner = new GraphRunner(g, 1)) {
            java = runner.run(Map.of("image", inputs.get(0), "tokens", inputs.get(1), "sequence", inputs.get(2)));
        }
        for (int k = 0; k < g.outputs().size(); k++) {
            assertClose(java.get(g.outputs().get(k)), djl.get(k), g.outputs().get(k));
        }
        Graph back;
        try (DjlModel m = new DjlModel(all)) {
            back = m.toGraph();
        }
        assertSameWeights(all, back);
    }

    private static void assertSameOutputs(Graph g, List<Tensor> inputs) {
        Tensor djl;
        try (DjlModel m = new DjlModel(g)) {
            djl = m.predict(inputs);
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            named.put(g.inputs().get(k).name(), inputs.get(k));
        }
        Tensor java;
        try (GraphRunner runner = new GraphRunner(g, 1)) {
            java = runner.run(named).get(g.outputs().get(0));
        }
        assertClose(java, djl, g.outputs().get(0));
    }

    /** The same shape and values within {@link #TOLERANCE} of the Java runtime's scale. */
    private static void assertClose(Tensor java, Tensor djl, String what) {
        assertArrayEquals(java.shape(), djl.shape(), what);
        float scale = 0;
        for (float v : java.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < java.data().length; k++) {
            assertEquals(java.data()[k], djl.data()[k], TOLERANCE * Math.max(1, scale), what + " output " + k);
        }
    }

    static void assertSameWeights(Graph a, Graph b) {
        assertEquals(a.nodes().size(), b.nodes().size());
        for (int k = 0; k < a.nodes().size(); k++) {
            Layer x = a.nodes().get(k).layer();
            Layer y = b.nodes().get(k).layer();
            assertEquals(x.kind(), y.kind());
            if (x instanceof WeightedLayer wx) {
                assertTrue(wx.weights().toDense().bitEquals(((WeightedLayer) y).weights().toDense()),
                        a.nodes().get(k).name());
                assertArrayEquals(wx.bias(), ((WeightedLayer) y).bias(), a.nodes().get(k).name());
            }
            if (x instanceof org.sham4j.model.graph.Embedding ex) {
                assertTrue(ex.table().bitEquals(((org.sham4j.model.graph.Embedding) y).table()));
            }
        }
    }

    private static Node node(String name, Layer layer, String... inputs) {
        return new Node(name, layer, List.of(inputs), name);
    }

    static CompressedMatrix matrix(int rows, int cols, Random r) {
        float[] w = new float[rows * cols];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) r.nextGaussian() * 0.5f;
        }
        return DenseFormat.INSTANCE.encode(SparseMatrix.fromDense(new DenseMatrix(rows, cols, w)));
    }

    private static float[] vector(int n, Random r) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) r.nextGaussian() * 0.3f;
        }
        return v;
    }

    static Tensor random(int[] shape, Random r, boolean signed) {
        float[] d = new float[(int) Tensor.size(shape)];
        for (int k = 0; k < d.length; k++) {
            d[k] = signed ? (float) r.nextGaussian() : r.nextFloat();
        }
        return new Tensor(shape, d);
    }

    private static Tensor labels(int[] shape, int vocabulary, Random r) {
        float[] d = new float[(int) Tensor.size(shape)];
        for (int k = 0; k < d.length; k++) {
            d[k] = r.nextInt(vocabulary);
        }
        return new Tensor(shape, d);
    }
}
