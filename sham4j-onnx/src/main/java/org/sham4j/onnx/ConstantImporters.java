package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.TensorShape;

/**
 * ONNX Constant, Cast, Shape, ConstantOfShape and Gather. Shape gives the computed tensor's shape as a constant
 * (the batch size symbolic), so the subgraphs exporters write to build a Reshape's target fold away. Gather
 * looks up rows of a constant table (an Embedding), folds on constants, and takes one position of a computed
 * tensor (a Slice and a Reshape).
 */
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
            values.add(ConstantTensor.ofLongs(new int[] {ints.length}, Arrays.stream(ints).asLongStream().toArray()));
        }
        node.requireAllRead();
        if (values.size() != 1) {
            throw node.error("needs exactly one value attribute, has " + values.size());
        }
        ctx.constant(node.output(), values.get(0));
    }

    /**
     * Cast. A constant is converted (integers keep their symbolic sizes). A computed tensor passes unchanged
     * when cast to float32, or to an integer type when only Gather nodes read it as indices (the Embedding takes
     * integer-valued floats).
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
            return c.symbolicLongs();
        }
        long[] l = new long[c.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) c.floats()[i];
        }
        return l;
    }

    /** Shape: the input's dimensions (from {@code start} to {@code end}), symbolic ones as symbols. */
    static void shape(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ConstantTensor c = ctx.constant(x);
        int[] dims;
        if (c != null) {
            dims = c.dims();
        } else {
            ctx.requireComputed(node, x, "input");
            dims = ctx.shape(x).dims();
        }
        int rank = dims.length;
        long start = node.intAttr("start", 0);
        long end = node.intAttr("end", rank);
        int from = (int) Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        int to = (int) Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        long[] values = new long[Math.max(0, to - from)];
        for (int i = 0; i < values.length; i++) {
            int d = dims[from + i];
            values[i] = d >= 0 ? d : ConstantTensor.symbol(d);
        }
        ctx.constant(node.output(), ConstantTensor.ofLongs(new int[] {values.length}, values));
    }

    /**
     * ConstantOfShape: a tensor of one value. A symbolic size (the batch) becomes 1, which broadcasts the same
     * way; such a tensor serves as initial states or operands that broadcast.
     */
    static void constantOfShape(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        long[] shape = ctx.requireConstant(node, 0, "shape").symbolicLongs();
        TensorProto t = node.tensorAttr("value");
        ConstantTensor value = t == null ? ConstantTensor.ofFloats(new int[0], new float[] {0f})
                : TensorProtos.toConstant(t, node.error("value").getMessage());
        if (value.size() != 1) {
            throw node.error("value must hold one element, holds " + value.size());
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            long d = shape[i];
            if (ConstantTensor.isSymbol(d)) {
                d = 1;
            }
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw node.error("shape " + ShapeImporters.text(shape) + " is not supported");
            }
            dims[i] = (int) d;
        }
        long n = ConstantTensor.count(dims);
        if (n > 1 << 26) {
            throw node.error("shape " + ShapeImporters.text(shape) + " is too large for a constant");
        }
        if (value.isFloat()) {
            float[] f = new float[(int) n];
            Arrays.fill(f, value.floats()[0]);
            ctx.constant(node.output(), ConstantTensor.ofFloats(dims, f));
        } else {
            long[] l = new long[(int) n];
            Arrays.fill(l, value.longs()[0]);
            ctx.constant(node.output(), ConstantTensor.ofLongs(dims, l));
        }
    }

    static void gather(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        long axis = node.intAttr("axis", 0);
        String data = node.input(0);
        String indices = node.input(1);
        ConstantTensor table = ctx.constant(data);
        ConstantTensor index = ctx.constant(indices);
        if (table != null && index != null) {
            int a = (int) (axis < 0 ? axis + table.rank() : axis);
            if (a < 0 || a >= table.rank()) {
                throw node.error("axis " + axis + " is out of range for rank " + table.rank());
            }
            try {
                ctx.constant(node.output(), table.gather(a, index.toLongs(), index.dims()));
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        } else if (table != null) {
            ctx.requireComputed(node, indices, "indices");
            if (table.rank() != 2 || axis != 0) {
                throw node.error("only a lookup of rows (axis 0) of a 2-D table is supported, the table is "
                        + Arrays.toString(table.dims()) + " and axis " + axis);
            }
            Embedding e = new Embedding(new DenseMatrix(table.dims()[0], table.dims()[1], table.toFloats()));
            ctx.emit(node.name(), e, List.of(indices), node.output());
        } else if (index != null) {
            takePosition(node, ctx, data, (int) axis, index);
        } else {
            throw node.error("indices computed from the inputs into a computed tensor are not supported");
        }
    }

    /** Gather of one constant position of a computed tensor: a Slice, and a Reshape that drops the axis. */
    private static void takePosition(OnnxNode node, ImportContext ctx, String data, int axis, ConstantTensor index)
            throws InvalidInputException {
        ctx.requireComputed(node, data, "data");
        TensorShape in = ctx.shape(data);
        int a = axis < 0 ? axis + in.rank() : axis;
        if (a < 0 || a >= in.rank()) {
            throw node.error("axis " + axis + " is out of range for " + in);
        }
        if (index.size() != 1 || index.rank() > 1) {
            throw node.error("gathering " + Arrays.toString(index.dims()) + " indices from a computed tensor is not "
                    + "supported (one index is)");
        }
        long i = index.toLongs()[0];
        int size = in.dim(a);
        if (size < 0 || i < -size || i >= size) {
            throw node.error("index " + i + " on axis " + a + " of " + in + " is not supported");
        }
        int start = (int) (i < 0 ? i + size : i);
        String sliced = index.rank() == 0 ? node.name() + "/slice" : node.output();
        ctx.emit(node.name() + (index.rank() == 0 ? "/slice" : ""), new Slice(new int[] {a}, new int[] {start},
                new int[] {start + 1}, new int[] {1}), List.of(data), sliced);
        if (index.rank() == 0) {
            int[] dims = ctx.shape(sliced).dims();
            int[] out = new int[dims.length - 1];
            for (int k = 0, j = 0; k < dims.length; k++) {
                if (k != a) {
                    out[j++] = dims[k];
                }
            }
            try {
                ctx.emitReshape(node.name(), sliced, new TensorShape(out), node.output());
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        }
    }
}
