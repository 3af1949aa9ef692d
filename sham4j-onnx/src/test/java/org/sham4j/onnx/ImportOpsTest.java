package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sham4j.onnx.ExportContext.integer;
import static org.sham4j.onnx.ExportContext.ints;
import static org.sham4j.onnx.ExportContext.real;
import static org.sham4j.onnx.OnnxModels.assertRunsLikeOrt;
import static org.sham4j.onnx.OnnxModels.input;
import static org.sham4j.onnx.OnnxModels.model;
import static org.sham4j.onnx.OnnxModels.random;
import static org.sham4j.onnx.OnnxModels.text;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.model.graph.Graph;

/**
 * The ops PyTorch's and TensorFlow's exporters write for common CNN, MLP and sequence layers, in hand-made
 * models: each imports and runs in the Java runtime as in ONNX Runtime.
 */
class ImportOpsTest {
    private final Random rnd = new Random(21);

    private static List<String> kinds(Graph g) {
        return g.nodes().stream().map(n -> n.layer().kind()).toList();
    }

    @Test
    void aShapeSubgraphFeedingReshapeFoldsAway() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 2, 3, 4)), List.of("y"), c -> {
            c.node("Shape", "shape", List.of("x"), "s");
            c.node("Gather", "batch", List.of("s", c.longs("zero", new int[0], new long[] {0})), "n",
                    integer("axis", 0));
            c.node("Unsqueeze", "n1", List.of("n", c.longs("axes", 0)), "n_1");
            c.node("Slice", "rest", List.of("s", c.longs("from", 1), c.longs("to", Long.MAX_VALUE)), "r");
            c.node("ReduceProd", "", List.of("r"), "unused");
            c.node("Concat", "target", List.of("n_1", c.longs("minus1", -1)), "t", integer("axis", 0));
            c.node("Reshape", "view", List.of("x", "t"), "y");
        });
        ModelProto withoutProd = m.toBuilder().setGraph(m.getGraph().toBuilder().removeNode(4)).build();
        Graph g = assertRunsLikeOrt(withoutProd, List.of(random(rnd, 3, 2, 3, 4)));
        assertEquals(List.of("Reshape"), kinds(g));
    }

    @Test
    void squeezeAndUnsqueezeAroundA1dPoolBecomeReshapes() throws Exception {
        for (int opset : new int[] {11, 13}) {
            ModelProto m = model(opset, List.of(input("x", -1, 3, 10)), List.of("y"), c -> {
                if (opset < 13) {
                    c.node("Unsqueeze", "u", List.of("x"), "x4", ints("axes", 2));
                } else {
                    c.node("Unsqueeze", "u", List.of("x", c.longs("axes", 2)), "x4");
                }
                c.node("MaxPool", "pool", List.of("x4"), "p", ints("kernel_shape", 1, 3), ints("strides", 1, 2),
                        ints("dilations", 1, 2));
                if (opset < 13) {
                    c.node("Squeeze", "s", List.of("p"), "y", ints("axes", 2));
                } else {
                    c.node("Squeeze", "s", List.of("p", c.longs("axes2", 2)), "y");
                }
            });
            assertEquals(List.of("Reshape", "MaxPool2D", "Reshape"),
                    kinds(assertRunsLikeOrt(m, List.of(random(rnd, 2, 3, 10)))));
        }
    }

    @Test
    void elementwiseOpsWithConstantsAndBroadcasting() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 3, 4), input("z", -1, 1, 4)), List.of("y"), c -> {
            c.node("Sub", "sub", List.of(c.floats("k", new int[] {4}, random(rnd, 4)), "x"), "a");
            c.node("Mul", "mul", List.of("a", "z"), "b");
            c.node("Div", "div", List.of("b", c.floats("d", new int[] {3, 1}, new float[] {2, -3, 4})), "c");
            c.node("Abs", "abs", List.of("c"), "c1");
            c.node("Pow", "pow", List.of("c1", c.floats("p", new int[0], new float[] {1.5f})), "e");
            c.node("Sqrt", "sqrt", List.of("e"), "f");
            c.node("Exp", "exp", List.of("a"), "g");
            c.node("Log", "log", List.of("g"), "h");
            c.node("Reciprocal", "inv", List.of("g"), "i");
            c.node("Max", "max", List.of("f", "h", "i"), "j");
            c.node("Min", "min", List.of("j", c.floats("cap", new int[] {1}, new float[] {3f})), "k2");
            c.node("Neg", "neg", List.of("k2"), "l");
            c.node("Sum", "sum", List.of("l", "x", "z"), "y");
        });
        assertRunsLikeOrt(m, List.of(random(rnd, 2, 3, 4), random(rnd, 2, 1, 4)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LeakyRelu", "Elu", "Selu", "HardSigmoid", "HardSwish", "Erf", "Softplus", "Sigmoid",
            "Tanh", "LogSoftmax"})
    void activations(String op) throws Exception {
        ModelProto m = model(14, List.of(input("x", -1, 5)), List.of("y"), c -> c.node(op, "act", List.of("x"), "y"));
        assertRunsLikeOrt(m, List.of(random(rnd, 3, 5)));
    }

    @Test
    void activationsWithParameters() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 5)), List.of("y"), c -> {
            c.node("LeakyRelu", "a", List.of("x"), "a", real("alpha", 0.3f));
            c.node("Elu", "b", List.of("a"), "b", real("alpha", 0.6f));
            c.node("Selu", "c", List.of("b"), "c", real("alpha", 1.2f), real("gamma", 0.9f));
            c.node("HardSigmoid", "d", List.of("c"), "d", real("alpha", 0.3f), real("beta", 0.4f));
            c.node("Clip", "e", List.of("d", c.floats("lo", new int[0], new float[] {0.45f}), ""), "y");
        });
        assertRunsLikeOrt(m, List.of(random(rnd, 3, 5)));
        ModelProto relu6 = model(10, List.of(input("x", -1, 5)), List.of("y"),
                c -> c.node("Clip", "c", List.of("x"), "y", real("min", 0f), real("max", 6f)));
        assertRunsLikeOrt(relu6, List.of(random(rnd, 3, 5)));
    }

    @Test
    void theGeluPatternPyTorchWritesIsOneGelu() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 6)), List.of("y"), c -> {
            c.node("Div", "div", List.of("x", c.floats("r2", new int[0], new float[] {1.4142135f})), "a");
            c.node("Erf", "erf", List.of("a"), "b");
            c.node("Add", "add", List.of("b", c.floats("one", new int[0], new float[] {1f})), "c");
            c.node("Mul", "mul", List.of("x", "c"), "d");
            c.node("Mul", "gelu", List.of("d", c.floats("half", new int[0], new float[] {0.5f})), "e");
            c.node("Sigmoid", "sig", List.of("e"), "f");
            c.node("Mul", "silu", List.of("e", "f"), "y");
        });
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 4, 6)));
        assertEquals(List.of("Gelu", "Silu"), kinds(g));
        assertEquals(List.of("gelu", "silu"), g.nodes().stream().map(n -> n.name()).toList());
        ModelProto op = model(20, List.of(input("x", -1, 6)), List.of("y"), c -> c.node("Gelu", "g", List.of("x"),
                "y"));
        assertEquals(List.of("Gelu"), kinds(assertRunsLikeOrt(op, List.of(random(rnd, 4, 6)))));
    }

    @Test
    void reductionsOverAnyAxes() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 3, 4, 5)), List.of("a", "b", "c", "d"), c -> {
            c.node("ReduceMean", "mean", List.of("x"), "a", ints("axes", 1, -1), integer("keepdims", 0));
            c.node("ReduceSum", "sum", List.of("x", c.longs("ax", 2)), "b");
            c.node("ReduceMax", "max", List.of("x"), "c", ints("axes", 2, 3));
            c.node("ReduceMin", "min", List.of("x"), "d", ints("axes", 1), integer("keepdims", 0));
        });
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 2, 3, 4, 5)));
        assertEquals(List.of("ReduceMean", "ReduceSum", "GlobalMaxPool", "ReduceMin"), kinds(g));
        ModelProto v18 = model(18, List.of(input("x", -1, 3, 4)), List.of("y"),
                c -> c.node("ReduceMean", "mean", List.of("x", c.longs("ax", -1)), "y"));
        assertRunsLikeOrt(v18, List.of(random(rnd, 2, 3, 4)));
    }

    @Test
    void layerNormalization() throws Exception {
        ModelProto m = model(17, List.of(input("x", -1, 3, 4)), List.of("y"), c ->
                c.node("LayerNormalization", "ln", List.of("x", c.floats("g", new int[] {3, 4}, random(rnd, 12)),
                        c.floats("b", new int[] {4}, random(rnd, 4))), "y", integer("axis", 1), real("epsilon", 1e-3f)));
        assertEquals(List.of("LayerNorm"), kinds(assertRunsLikeOrt(m, List.of(random(rnd, 2, 3, 4)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"constant", "reflect", "edge"})
    void pad(String mode) throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 2, 5, 4)), List.of("y"), c ->
                c.node("Pad", "pad", List.of("x", c.longs("pads", 0, 0, 1, 2, 0, 0, 3, 1),
                        c.floats("v", new int[0], new float[] {0.25f})), "y", text("mode", mode)));
        assertRunsLikeOrt(m, List.of(random(rnd, 2, 2, 5, 4)));
        ModelProto v2 = model(10, List.of(input("x", -1, 2, 5)), List.of("y"), c ->
                c.node("Pad", "pad", List.of("x"), "y", ints("pads", 0, 0, 1, 0, 0, 2), text("mode", mode),
                        real("value", -1f)));
        assertRunsLikeOrt(v2, List.of(random(rnd, 3, 2, 5)));
    }

    @Test
    void sliceAndGatherOfAComputedTensor() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 7, 6)), List.of("a", "b"), c -> {
            c.node("Slice", "s", List.of("x", c.longs("st", -5, 1), c.longs("en", Long.MAX_VALUE, -1),
                    c.longs("ax", 1, 2), c.longs("sp", 2, 3)), "a");
            c.node("Gather", "last", List.of("x", c.longs("i", new int[0], new long[] {-1})), "b", integer("axis", 1));
        });
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 3, 7, 6)));
        assertEquals(List.of("Slice", "Slice", "Reshape"), kinds(g));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void convTranspose(int groups) throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 4, 5, 6)), List.of("a", "b", "c"), c -> {
            String w = c.floats("w", new int[] {4, 6 / groups, 3, 2}, random(rnd, 4 * (6 / groups) * 6));
            String b = c.floats("b", new int[] {6}, random(rnd, 6));
            c.node("ConvTranspose", "explicit", List.of("x", w, b), "a", ints("strides", 2, 1),
                    ints("pads", 1, 0, 0, 1), ints("output_padding", 1, 0), ints("dilations", 1, 2),
                    integer("group", groups));
            c.node("ConvTranspose", "shaped", List.of("x", w), "b", ints("strides", 2, 2),
                    ints("output_shape", 10, 12), integer("group", groups));
            c.node("ConvTranspose", "same", List.of("x", w), "c", ints("strides", 2, 2), text("auto_pad", "SAME_UPPER"),
                    integer("group", groups));
        });
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 2, 4, 5, 6)));
        assertEquals(List.of("ConvTranspose2D", "ConvTranspose2D", "ConvTranspose2D"), kinds(g));
        ModelProto oneD = model(13, List.of(input("x", -1, 2, 7)), List.of("y"), c -> c.node("ConvTranspose", "t",
                List.of("x", c.floats("w", new int[] {2, 3, 4}, random(rnd, 24))), "y", ints("strides", 3)));
        assertRunsLikeOrt(oneD, List.of(random(rnd, 2, 2, 7)));
    }

    /**
     * An LSTM or GRU node of the given direction, after the transpose to time-major PyTorch writes for a
     * batch-first input, whose outputs Y and Y_h are both model outputs.
     */
    private ModelProto recurrent(String op, String direction, int lbr) {
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        int gates = op.equals("LSTM") ? 4 : 3;
        int hidden = 3;
        ModelProto m = model(14, List.of(input("x", -1, 5, 4)), List.of("y", "h"), c -> {
            c.node("Transpose", "time_major", List.of("x"), "xt", ints("perm", 1, 0, 2));
            String w = c.floats("W", new int[] {dirs, gates * hidden, 4}, random(rnd, dirs * gates * hidden * 4));
            String r = c.floats("R", new int[] {dirs, gates * hidden, hidden}, random(rnd, dirs * gates * hidden
                    * hidden));
            String b = c.floats("B", new int[] {dirs, 2 * gates * hidden}, random(rnd, dirs * 2 * gates * hidden));
            var attrs = new java.util.ArrayList<>(List.of(integer("hidden_size", hidden), text("direction",
                    direction)));
            if (op.equals("GRU")) {
                attrs.add(integer("linear_before_reset", lbr));
            }
            c.node(op, "rnn", List.of("xt", w, r, b), "y", attrs.toArray(ai.onnx.proto.OnnxMl.AttributeProto[]::new));
        });
        NodeProto rnn = m.getGraph().getNode(1).toBuilder().addOutput("h").build();
        return m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(1, rnn)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"forward", "reverse", "bidirectional"})
    void lstmAndGruGiveTheirStatesAndLastStates(String direction) throws Exception {
        Graph lstm = assertRunsLikeOrt(recurrent("LSTM", direction, 0), List.of(random(rnd, 2, 5, 4)));
        assertEquals(direction.equals("bidirectional") ? List.of("Transpose", "Dense", "LSTM", "Dense", "LSTM",
                "Reshape", "Reshape", "Concat", "Slice", "Slice", "Concat")
                : List.of("Transpose", "Dense", "LSTM", "Reshape", "Slice"), kinds(lstm));
        for (int lbr : new int[] {0, 1}) {
            assertRunsLikeOrt(recurrent("GRU", direction, lbr), List.of(random(rnd, 3, 5, 4)));
        }
    }

    /** PyTorch's default LSTM is time-major, (T, N, F): the model takes its input batch first and transposes it. */
    @Test
    void aTimeMajorInputIsTakenBatchFirst() throws Exception {
        ModelProto m = model(14, List.of(input("x", 5, -1, 4)), List.of("y"), c -> c.node("LSTM", "rnn", List.of("x",
                c.floats("W", new int[] {1, 12, 4}, random(rnd, 48)), c.floats("R", new int[] {1, 12, 3},
                random(rnd, 36))), "y", integer("hidden_size", 3)));
        Graph g = OnnxImporter.read(m.toByteArray(), "test");
        assertEquals(List.of("Transpose", "Dense", "LSTM", "Reshape"), kinds(g));
        assertEquals("[x[5, 4]]", g.inputs().toString());
        org.sham4j.core.matrix.Tensor timeMajor = random(rnd, 5, 2, 4);
        float[] batchFirst = new float[40];
        for (int t = 0; t < 5; t++) {
            for (int n = 0; n < 2; n++) {
                System.arraycopy(timeMajor.data(), (t * 2 + n) * 4, batchFirst, (n * 5 + t) * 4, 4);
            }
        }
        org.sham4j.core.matrix.Tensor expected = Ort.run(m, List.of(timeMajor)).get(0);
        try (org.sham4j.model.runtime.GraphRunner r = new org.sham4j.model.runtime.GraphRunner(g, 1)) {
            double d = Ort.relativeDiff(expected, r.run(new org.sham4j.core.matrix.Tensor(new int[] {2, 5, 4},
                    batchFirst)));
            assertEquals(0, d, 1e-5);
        }
    }
}
