package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Embedding;

/** ONNX Constant, Cast and Gather (an Embedding when it looks up rows of a constant table). */
final class ConstantImporters {
    private ConstantImporters() {
    }

    static void constant(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        List<ConstantTensor> values = new ArrayList<>();
        TensorProto t = node.tensorAttr("value");
        if (t != null) {
            values.add(TensorProtos.toConstant(t, node.error("value").getMessage()));
        }
        if (node.has("value_float")) {
            values.add(ConstantTensor.ofFloats(new int[0], new float[] {node.floatAttr("value_float", 0f)}));
        }
        float[] floats = node.floatsAttr("value_floats");
        if (floats != null) {
            values.add(ConstantTensor.ofFloats(new int[] {floats.length}, floats));
        }
        if (node.has("value_int")) {
            values.add(ConstantTensor.ofLongs(new int[0], new long[] {node.intAttr("value_int", 0)}));
        }
        int[] ints = node.intsAttr("value_ints");
        if (ints != null) {
            values.add(ConstantTensor.ofLongs(new int[] {ints.length},
                    java.util.Arrays.stream(ints).asLongStream().toArray()));
        }
        node.requireAllRead();
        if (values.size() != 1) {
            throw node.error("needs exactly one value attribute, has " + values.size());
        }
        ctx.constant(node.output(), values.get(0));
    }

    /**
     * Cast. A constant is converted. A computed tensor passes unchanged when cast to float32, or to an integer
     * type when only Gather nodes read it as indices (the Embedding takes integer-valued floats).
     */
    static void cast(OnnxNode node, ImportContext ctx, boolean onlyIndices) throws InvalidInputException {
        long to = node.intAttr("to", 0);
        node.intAttr("saturate", 1);
        TensorProto.DataType type = TensorProto.DataType.forNumber((int) to);
        if (type == null) {
            throw node.unsupported("to", to);
        }
        boolean integer = switch (type) {
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64 -> true;
            default -> false;
        };
        String x = node.input(0);
        ConstantTensor c = ctx.constant(x);
        if (c != null && (integer || type == TensorProto.DataType.FLOAT)) {
            ctx.constant(node.output(), integer ? ConstantTensor.ofLongs(c.dims(), truncated(c))
                    : ConstantTensor.ofFloats(c.dims(), c.toFloats()));
        } else if (c == null && (type == TensorProto.DataType.FLOAT || (integer && onlyIndices))) {
            ctx.alias(node.output(), x);
        } else {
            throw node.unsupported("to", type);
        }
    }

    private static long[] truncated(ConstantTensor c) {
        if (!c.isFloat()) {
            return c.longs();
        }
        long[] l = new long[c.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) c.floats()[i];
        }
        return l;
    }

    static void gather(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        long axis = node.intAttr("axis", 0);
        ConstantTensor table = ctx.requireConstant(node, 0, "table (data)");
        String indices = node.input(1);
        ctx.requireComputed(node, indices, "indices");
        if (table.rank() != 2 || axis != 0) {
            throw node.error("only a lookup of rows (axis 0) of a 2-D table is supported, the table is "
                    + java.util.Arrays.toString(table.dims()) + " and axis " + axis);
        }
        int[] in = ctx.shape(indices);
        int[] out = null;
        if (in != null) {
            out = java.util.Arrays.copyOf(in, in.length + 1);
            out[in.length] = table.dims()[1];
        }
        Embedding e = new Embedding(new DenseMatrix(table.dims()[0], table.dims()[1], table.toFloats()));
        ctx.emit(node.name(), e, List.of(indices), node.output(), out);
    }
}
