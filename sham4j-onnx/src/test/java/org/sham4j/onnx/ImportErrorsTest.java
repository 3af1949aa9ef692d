package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sham4j.onnx.ExportContext.integer;
import static org.sham4j.onnx.ExportContext.ints;
import static org.sham4j.onnx.OnnxModels.text;
import static org.sham4j.onnx.OnnxModels.input;
import static org.sham4j.onnx.OnnxModels.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.InvalidInputException;

/** Files and models the importer refuses, each with a one-line message naming the problem. */
class ImportErrorsTest {
    @TempDir
    Path dir;

    private static String refusal(ModelProto m) {
        return refusal(m.toByteArray());
    }

    private static String refusal(byte[] bytes) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxImporter.read(bytes, "m.onnx"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("m.onnx: "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + message + "' lacks '" + p + "'");
        }
    }

    private static ModelProto single(int opset, String op, ai.onnx.proto.OnnxMl.AttributeProto... attributes) {
        return model(opset, List.of(input("x", -1, 2, 6, 6)), List.of("y"),
                c -> c.node(op, "the_node", List.of("x"), "y", attributes));
    }

    @Test
    void truncatedAndForeignFiles() throws Exception {
        ModelProto m = single(13, "Relu");
        byte[] whole = m.toByteArray();
        assertContains(refusal(Arrays.copyOf(whole, whole.length / 2)), "not a valid ONNX model",
                "truncated or corrupt");
        assertContains(refusal("hello, this is text".getBytes(StandardCharsets.US_ASCII)), "ONNX model");
        assertContains(refusal(new byte[0]), "not an ONNX model (no graph)");
        Path mnist = Mnist8Test.model();
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(mnist), 20000));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxImporter.read(cut));
        assertContains(e.getMessage(), "cut.onnx", "truncated or corrupt");
    }

    @Test
    void truncatedAndForgedTensorFiles() throws Exception {
        Path good = dir.resolve("t.pb");
        TensorProtos.write(good, new org.sham4j.core.matrix.Tensor(new int[] {2, 3}, new float[6]), "t");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.pb");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TensorProtos.read(cut));
        assertContains(e.getMessage(), "cut.pb: not an ONNX TensorProto file (truncated or corrupt");
        Path forged = dir.resolve("forged.pb");
        Files.write(forged, TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1 << 20).addDims(1 << 20).build().toByteArray());
        e = assertThrows(InvalidInputException.class, () -> TensorProtos.read(forged));
        assertContains(e.getMessage(), "forged.pb: bad tensor dimensions [1048576, 1048576]");
        Path few = dir.resolve("few.pb");
        Files.write(few, TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(4)
                .addFloatData(1f).build().toByteArray());
        e = assertThrows(InvalidInputException.class, () -> TensorProtos.read(few));
        assertContains(e.getMessage(), "few.pb: 1 values for shape [4] of FLOAT");
    }

    @Test
    void unsupportedOpsAndAttributes() {
        assertEquals("m.onnx: 1 node has an op that sham4j does not support: Einsum (node 'the_node')",
                refusal(single(13, "Einsum")));
        assertContains(refusal(single(13, "Relu", integer("alpha", 1))), "(Relu): attribute alpha is not supported");
        assertContains(refusal(single(13, "MaxPool", ints("kernel_shape", 2, 2), integer("storage_order", 1))),
                "(MaxPool): attribute storage_order=1 is not supported");
        assertContains(refusal(single(13, "AveragePool", ints("kernel_shape", 2, 2), text("auto_pad", "FOO"))),
                "attribute auto_pad=FOO is not supported");
        assertContains(refusal(single(6, "Relu")), "opset 6 is not supported");
        assertContains(refusal(single(22, "Relu")), "opset 22 is not supported");
    }

    @Test
    void everyUnsupportedOpIsListedInOneError() {
        ModelProto m = model(13, List.of(input("x", -1, 4)), List.of("y"), c -> {
            c.node("Einsum", "first", List.of("x"), "a");
            c.node("Relu", "relu", List.of("a"), "b");
            c.node("NonZero", "second", List.of("b"), "c");
            c.node("Einsum", "third", List.of("c"), "d");
            c.node("Relu", "", List.of("d"), "e");
            c.node("TopK", "", List.of("e"), "y");
        });
        assertEquals("m.onnx: 4 nodes have ops that sham4j does not support: Einsum (nodes 'first', 'third'); "
                + "NonZero (node 'second'); TopK (node 'TopK_5')", refusal(m));
    }

    @Test
    void averagePoolThatOnnxDividesByTheWholeKernelBeforeOpset19() throws Exception {
        ModelProto m = single(11, "AveragePool", ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                ints("pads", 0, 0, 0, 0), integer("ceil_mode", 1), integer("count_include_pad", 1));
        assertContains(refusal(m), "count_include_pad=1 with ceil_mode=1 before opset 19");
        ModelProto fits = single(11, "AveragePool", ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                integer("ceil_mode", 1), integer("count_include_pad", 1));
        OnnxModels.assertRunsLikeOrt(fits, List.of(OnnxModels.random(new java.util.Random(1), 2, 2, 6, 6)));
    }

    @Test
    void computedWeightsAndBroadcasts() {
        ModelProto matmul = model(13, List.of(input("a", -1, 4), input("b", 4, 3)), List.of("y"),
                c -> c.node("MatMul", "mm", List.of("a", "b"), "y"));
        assertContains(refusal(matmul), "node 'mm' (MatMul): a product of two computed tensors is not supported");
        ModelProto add = model(13, List.of(input("x", -1, 2, 3)), List.of("y"),
                c -> c.node("Add", "add", List.of("x", c.floats("k", new int[] {4}, new float[4])), "y"));
        assertContains(refusal(add), "node 'add' (Add): input shapes (N, 2, 3) and (4) do not broadcast");
        ModelProto dynamic = model(13, List.of(input("x", -1, -1)), List.of("y"),
                c -> c.node("Relu", "r", List.of("x"), "y"));
        assertContains(refusal(dynamic), "input 'x' has an unknown or bad size at axis 1 (N)");
    }
}
