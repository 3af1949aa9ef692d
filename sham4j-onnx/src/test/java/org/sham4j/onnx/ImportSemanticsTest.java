package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sham4j.onnx.ExportContext.integer;
import static org.sham4j.onnx.ExportContext.ints;
import static org.sham4j.onnx.ExportContext.real;
import static org.sham4j.onnx.OnnxModels.text;
import static org.sham4j.onnx.OnnxModels.assertRunsLikeOrt;
import static org.sham4j.onnx.OnnxModels.input;
import static org.sham4j.onnx.OnnxModels.model;
import static org.sham4j.onnx.OnnxModels.random;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.model.graph.Graph;

/** Hand-made ONNX models with the forms the importer rewrites: each runs in our runtime as in ONNX Runtime. */
class ImportSemanticsTest {
    private final Random rnd = new Random(42);

    private static List<String> kinds(Graph g) {
        return g.nodes().stream().map(n -> n.layer().kind()).toList();
    }

    @Test
    void gemmWithTransposesAlphaAndBeta() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 5)), List.of("y"), c -> {
            String b = c.floats("B", new int[] {4, 5}, random(rnd, 20));
            String bias = c.floats("C", new int[] {1, 4}, random(rnd, 4));
            c.node("Gemm", "gemm", List.of("x", b, bias), "y", real("alpha", 0.5f), real("beta", 2f),
                    integer("transB", 1));
        });
        assertEquals(List.of("Dense"), kinds(assertRunsLikeOrt(m, List.of(random(rnd, 3, 5)))));
        ModelProto t = model(13, List.of(input("x", -1, 5)), List.of("y"), c -> {
            String b = c.floats("B", new int[] {5, 4}, random(rnd, 20));
            c.node("Transpose", "t", List.of("x"), "xt", ints("perm", 1, 0));
            c.node("Gemm", "gemm", List.of("xt", b), "y", integer("transA", 1));
        });
        assertEquals(List.of("Transpose", "Transpose", "Dense"),
                kinds(assertRunsLikeOrt(t, List.of(random(rnd, 3, 5)))));
    }

    @Test
    void matMulOfATransposedConstantAndBiasAddFoldIntoOneDense() throws Exception {
        ModelProto m = model(11, List.of(input("x", -1, 6)), List.of("y"), c -> {
            String w = c.floats("W", new int[] {3, 6}, random(rnd, 18));
            c.node("Transpose", "t", List.of(w), "wt", ints("perm", 1, 0));
            c.node("MatMul", "mm", List.of("x", "wt"), "xw");
            c.node("Add", "bias", List.of(c.floats("b", new int[] {3}, random(rnd, 3)), "xw"), "y");
        });
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 4, 6)));
        assertEquals(List.of("Dense"), kinds(g));
        assertEquals("y", g.nodes().get(0).output());
    }

    @Test
    void constantAddedAfterALayerWithoutBiasIsABinaryAdd() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 3, 4, 4)), List.of("y"), c -> {
            c.node("Relu", "relu", List.of("x"), "r");
            c.node("Add", "shift", List.of("r", c.floats("s", new int[] {3, 1, 1}, random(rnd, 3))), "y");
        });
        assertEquals(List.of("Relu", "Add"), kinds(assertRunsLikeOrt(m, List.of(random(rnd, 2, 3, 4, 4)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAME_UPPER", "SAME_LOWER", "VALID"})
    void autoPadWithStrideOnOddSizes(String autoPad) throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 2, 9, 7)), List.of("y"), c -> {
            String w = c.floats("W", new int[] {4, 2, 3, 2}, random(rnd, 48));
            c.node("Conv", "conv", List.of("x", w), "h", text("auto_pad", autoPad), ints("strides", 2, 3));
            c.node("AveragePool", "pool", List.of("h"), "y", text("auto_pad", autoPad), ints("kernel_shape", 2, 2),
                    ints("strides", 2, 1));
        });
        assertRunsLikeOrt(m, List.of(random(rnd, 2, 2, 9, 7)));
    }

    @Test
    void softmaxBeforeOpset13FlattensAtItsAxis() throws Exception {
        ModelProto m = model(11, List.of(input("x", -1, 2, 3, 4)), List.of("y"),
                c -> c.node("Softmax", "sm", List.of("x"), "y", integer("axis", 1)));
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 2, 2, 3, 4)));
        assertEquals(List.of("Flatten", "Softmax", "Reshape"), kinds(g));
        ModelProto last = model(11, List.of(input("x", -1, 2, 3)), List.of("y"),
                c -> c.node("Softmax", "sm", List.of("x"), "y", integer("axis", 2)));
        assertEquals(List.of("Softmax"), kinds(assertRunsLikeOrt(last, List.of(random(rnd, 2, 2, 3)))));
        ModelProto v13 = model(13, List.of(input("x", -1, 2, 3)), List.of("y"),
                c -> c.node("Softmax", "sm", List.of("x"), "y", integer("axis", 1)));
        assertRunsLikeOrt(v13, List.of(random(rnd, 2, 2, 3)));
    }

    @Test
    void constantsFromNodesInFloatDataDoubleAndHalf() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 2, 5, 5)), List.of("y"), c -> {
            TensorProto.Builder w = TensorProto.newBuilder().setName("W").addDims(3).addDims(2).addDims(2)
                    .addDims(2).setDataType(TensorProto.DataType.DOUBLE_VALUE);
            for (float v : random(rnd, 24)) {
                w.addDoubleData(v);
            }
            c.node("Constant", "w", List.of(), "W64", OnnxModels.tensor("value", w.build()));
            c.node("Cast", "w32", List.of("W64"), "W", integer("to", TensorProto.DataType.FLOAT_VALUE));
            TensorProto.Builder b = TensorProto.newBuilder().setName("B").addDims(3)
                    .setDataType(TensorProto.DataType.FLOAT16_VALUE);
            b.addInt32Data(0x3c00).addInt32Data(0xc000).addInt32Data(0x3555);
            c.node("Constant", "b", List.of(), "B16", OnnxModels.tensor("value", b.build()));
            c.node("Cast", "b32", List.of("B16"), "B", integer("to", TensorProto.DataType.FLOAT_VALUE));
            c.node("Conv", "conv", List.of("x", "W", "B"), "h", ints("pads", 1, 0, 0, 1));
            c.node("Identity", "id", List.of("h"), "y");
        });
        Graph g = assertRunsLikeOrt(m, List.of(random(rnd, 1, 2, 5, 5)));
        assertEquals(List.of("h"), g.outputs());
    }

    @Test
    void flattenReshapeConcatAndSumOfComputedTensors() throws Exception {
        ModelProto m = model(13, List.of(input("x", -1, 2, 3, 2), input("z", -1, 12)), List.of("y"), c -> {
            c.node("Flatten", "f", List.of("x"), "fx", integer("axis", 1));
            c.node("Reshape", "r", List.of("x", c.longs("shape", new int[] {2}, new long[] {-1, 12})), "rx");
            c.node("Sum", "s", List.of("fx", "rx", "z"), "s3");
            c.node("Concat", "c", List.of("s3", "z"), "y", integer("axis", -1));
        });
        assertEquals(List.of("Flatten", "Reshape", "Add", "Concat"),
                kinds(assertRunsLikeOrt(m, List.of(random(rnd, 3, 2, 3, 2), random(rnd, 3, 12)))));
    }
}
