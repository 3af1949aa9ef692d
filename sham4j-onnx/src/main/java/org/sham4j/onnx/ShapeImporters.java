package org.sham4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.TensorShape;
import org.sham4j.model.graph.Transpose;

/**
 * ONNX Identity, Flatten, Reshape, Transpose, Concat, Squeeze, Unsqueeze, Slice and Pad. On constants (a weight
 * reshaped or transposed before a MatMul, a shape vector built by Shape, Gather and Concat) they fold into a new
 * constant; on computed tensors they become layers, Squeeze and Unsqueeze as Reshapes.
 */
final class ShapeImporters {
    private ShapeImporters() {
    }

    static void identity(OnnxNode node, ImportContext ctx) {
        ctx.alias(node.output(), node.input(0));
    }

    static void flatten(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        int axis = (int) node.intAttr("axis", 1);
        String x = node.input(0);
        ConstantTensor c = ctx.constant(x);
        if (c == null) {
            ctx.requireComputed(node, x, "input");
            ctx.emit(node.name(), new Flatten(axis), List.of(x), node.output());
            return;
        }
        int[] in = c.dims();
        int a = axis < 0 ? axis + in.length : axis;
        if (a < 0 || a > in.length) {
            throw node.error("axis " + axis + " is out of range");
        }
        ctx.constant(node.output(), c.reshape(new int[] {(int) ConstantTensor.count(Arrays.copyOfRange(in, 0, a)),
                (int) ConstantTensor.count(Arrays.copyOfRange(in, a, in.length))}));
    }

    static void reshape(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        boolean allowZero = node.intAttr("allowzero", 0) != 0;
        String x = node.input(0);
        long[] raw = ctx.requireConstant(node, 1, "shape").symbolicLongs();
        ConstantTensor c = ctx.constant(x);
        if (c != null) {
            ctx.constant(node.output(), c.reshape(resolve(node, raw, c.dims(), c.size(), allowZero)));
            return;
        }
        ctx.requireComputed(node, x, "input");
        TensorShape in = ctx.shape(x);
        int[] target = new int[raw.length];
        int free = -1;
        for (int i = 0; i < raw.length; i++) {
            long v = raw[i];
            if (ConstantTensor.isSymbol(v)) {
                int code = ConstantTensor.code(v);
                v = i < in.rank() && in.dim(i) == code && code != TensorShape.UNKNOWN ? 0 : -1;
            }
            if (v < -1 || v > Integer.MAX_VALUE || (allowZero && v == 0)) {
                throw node.error("target shape " + text(raw) + " is not supported");
            }
            if (v == -1) {
                if (free >= 0) {
                    throw node.error("target shape " + text(raw) + " has more than one unknown size");
                }
                free = i;
            }
            target[i] = (int) v;
        }
        if (ctx.batchFixedToOne() && target.length > 0 && target[0] == 1 && keepsSample(target, in)) {
            target[0] = 0;
        }
        ctx.emit(node.name(), new Reshape(target), List.of(x), node.output());
    }

    /** A shape vector for messages, symbolic sizes by name. */
    static String text(long[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            b.append(i == 0 ? "" : ", ").append(ConstantTensor.isSymbol(v) ? TensorShape.text(ConstantTensor.code(v))
                    : Long.toString(v));
        }
        return b.append(']').toString();
    }

    /** Whether target[1..] holds exactly one sample of {@code in} (so target[0] is the batch axis). */
    private static boolean keepsSample(int[] target, TensorShape in) {
        if (in.rank() == 0 || in.dim(0) != TensorShape.N) {
            return false;
        }
        long sample = 1;
        for (int i = 1; i < in.rank(); i++) {
            if (in.dim(i) < 0) {
                return false;
            }
            sample *= in.dim(i);
        }
        long known = 1;
        boolean free = false;
        for (int i = 1; i < target.length; i++) {
            if (target[i] == -1) {
                free = true;
            } else if (target[i] == 0) {
                return false;
            } else {
                known *= target[i];
            }
        }
        return free ? known > 0 && sample % known == 0 : known == sample;
    }

    /** A fully known target shape of a constant with {@code count} values. */
    private static int[] resolve(OnnxNode node, long[] raw, int[] in, int count, boolean allowZero)
            throws InvalidInputException {
        int[] out = new int[raw.length];
        int free = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            long v = raw[i];
            if (ConstantTensor.isSymbol(v) || v < -1 || v > Integer.MAX_VALUE) {
                throw node.error("target shape " + text(raw) + " is not supported for a constant");
            }
            if (v == 0 && !allowZero) {
                if (i >= in.length) {
                    throw node.error("target shape " + text(raw) + " copies a missing axis");
                }
                v = in[i];
            }
            out[i] = (int) v;
            if (v == -1) {
                if (free >= 0) {
                    throw node.error("target shape " + text(raw) + " has more than one -1");
                }
                free = i;
            } else {
                known *= v;
            }
        }
        if (free >= 0 && known > 0 && count % known == 0) {
            out[free] = (int) (count / known);
            known = count;
        }
        if (known != count) {
            throw node.error("cannot reshape " + Arrays.toString(in) + " to " + text(raw));
        }
        return out;
    }

    static void transpose(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ConstantTensor c = ctx.constant(x);
        if (c == null) {
            ctx.requireComputed(node, x, "input");
        }
        int rank = c != null ? c.rank() : ctx.shape(x).rank();
        int[] perm = node.intsAttr("perm");
        if (perm == null) {
            perm = new int[rank];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i || rank != perm.length) {
                throw node.error("perm " + Arrays.toString(perm) + " is not a permutation of the input's axes");
            }
        }
        if (c != null) {
            ctx.constant(node.output(), c.transpose(perm));
            return;
        }
        ctx.emit(node.name(), new Transpose(perm), List.of(x), node.output());
    }

    static void concat(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        if (!node.has("axis")) {
            throw node.error("axis is missing");
        }
        int axis = (int) node.intAttr("axis", 0);
        List<String> in = node.inputs();
        if (in.stream().allMatch(ctx::isConstant)) {
            List<ConstantTensor> parts = new ArrayList<>();
            for (String t : in) {
                parts.add(ctx.constant(t));
            }
            int rank = parts.get(0).rank();
            int a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank) {
                throw node.error("axis " + axis + " is out of range for constants of rank " + rank);
            }
            ctx.constant(node.output(), ConstantTensor.concat(parts, a));
            return;
        }
        for (String t : in) {
            ctx.requireComputed(node, t, "input '" + t + "'");
        }
        ctx.emit(node.name(), new Concat(axis), in, node.output());
    }

    /** The axes of Squeeze or Unsqueeze: an attribute before opset 13, an optional constant input from it. */
    private static long[] axesOf(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        int[] attr = node.intsAttr("axes");
        if (attr != null) {
            return Arrays.stream(attr).asLongStream().toArray();
        }
        return node.input(1).isEmpty() ? null : ctx.requireConstant(node, 1, "axes").toLongs();
    }

    static void squeeze(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        long[] axes = axesOf(node, ctx);
        ConstantTensor c = ctx.constant(x);
        int[] dims = c != null ? c.dims() : shapeOf(node, ctx, x).dims();
        boolean[] drop = new boolean[dims.length];
        if (axes == null) {
            for (int i = 0; i < dims.length; i++) {
                drop[i] = dims[i] == 1;
            }
        } else {
            for (long a : axes) {
                int i = axis(node, a, dims.length);
                if (dims[i] != 1) {
                    throw node.error("axis " + a + " of " + ShapeText.of(dims) + " is not of size 1");
                }
                drop[i] = true;
            }
        }
        int[] out = new int[dims.length];
        int r = 0;
        for (int i = 0; i < dims.length; i++) {
            if (!drop[i]) {
                out[r++] = dims[i];
            }
        }
        reshapeTo(node, ctx, x, c, Arrays.copyOf(out, r));
    }

    static void unsqueeze(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        long[] axes = axesOf(node, ctx);
        if (axes == null) {
            throw node.error("axes are missing");
        }
        ConstantTensor c = ctx.constant(x);
        int[] dims = c != null ? c.dims() : shapeOf(node, ctx, x).dims();
        int rank = dims.length + axes.length;
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            int i = axis(node, a, rank);
            if (added[i]) {
                throw node.error("axis " + a + " is given twice");
            }
            added[i] = true;
        }
        int[] out = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = added[i] ? 1 : dims[j++];
        }
        reshapeTo(node, ctx, x, c, out);
    }

    private static TensorShape shapeOf(OnnxNode node, ImportContext ctx, String x) throws InvalidInputException {
        ctx.requireComputed(node, x, "input");
        return ctx.shape(x);
    }

    private static int axis(OnnxNode node, long a, int rank) throws InvalidInputException {
        long i = a < 0 ? a + rank : a;
        if (i < 0 || i >= rank) {
            throw node.error("axis " + a + " is out of range for rank " + rank);
        }
        return (int) i;
    }

    /** The constant under new dimensions, or a reshape of the computed tensor to the shape {@code dims}. */
    private static void reshapeTo(OnnxNode node, ImportContext ctx, String x, ConstantTensor c, int[] dims)
            throws InvalidInputException {
        if (c != null) {
            ctx.constant(node.output(), c.reshape(dims));
            return;
        }
        try {
            ctx.emitReshape(node.name(), x, new TensorShape(dims), node.output());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** Slice with constant starts, ends, axes and steps (inputs from opset 10, attributes before). */
    static void slice(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        long[] starts;
        long[] ends;
        long[] axes = null;
        long[] steps = null;
        int[] attrStarts = node.intsAttr("starts");
        if (attrStarts != null) {
            starts = Arrays.stream(attrStarts).asLongStream().toArray();
            int[] e = node.intsAttr("ends");
            ends = e == null ? null : Arrays.stream(e).asLongStream().toArray();
            int[] a = node.intsAttr("axes");
            axes = a == null ? null : Arrays.stream(a).asLongStream().toArray();
        } else {
            starts = ctx.requireConstant(node, 1, "starts").toLongs();
            ends = ctx.requireConstant(node, 2, "ends").toLongs();
            if (!node.input(3).isEmpty()) {
                axes = ctx.requireConstant(node, 3, "axes").toLongs();
            }
            if (!node.input(4).isEmpty()) {
                steps = ctx.requireConstant(node, 4, "steps").toLongs();
            }
        }
        ConstantTensor c = ctx.constant(x);
        int rank = c != null ? c.rank() : shapeOf(node, ctx, x).rank();
        int n = starts.length;
        if (ends == null || ends.length != n || (axes != null && axes.length != n)
                || (steps != null && steps.length != n)) {
            throw node.error("starts, ends, axes and steps differ in length");
        }
        int[] ax = new int[n];
        int[] st = new int[n];
        int[] en = new int[n];
        int[] sp = new int[n];
        for (int k = 0; k < n; k++) {
            ax[k] = axis(node, axes == null ? k : axes[k], rank);
            st[k] = clampToInt(starts[k]);
            en[k] = clampToInt(ends[k]);
            long step = steps == null ? 1 : steps[k];
            if (step < 1 || step > Integer.MAX_VALUE) {
                throw node.error("step " + step + " is not supported (only positive steps are)");
            }
            sp[k] = (int) step;
        }
        Slice slice;
        try {
            slice = new Slice(ax, st, en, sp);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        if (c == null) {
            ctx.emit(node.name(), slice, List.of(x), node.output());
            return;
        }
        int[] first = new int[n];
        int[] count = new int[n];
        for (int k = 0; k < n; k++) {
            int[] r = slice.range(k, c.dims()[ax[k]]);
            first[k] = r[0];
            count[k] = r[1];
        }
        ctx.constant(node.output(), c.slice(ax, first, count, sp));
    }

    /** An index clamped to the int range (ONNX writes "to the end" as the largest int64). */
    private static int clampToInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** Pad: pads and the value as attributes before opset 11, as inputs from it (with optional axes from 18). */
    static void pad(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        int rank = ctx.shape(x).rank();
        String mode = node.stringAttr("mode", "constant");
        long[] pads;
        float value = 0f;
        int[] attrPads = node.intsAttr("pads");
        if (attrPads != null) {
            pads = Arrays.stream(attrPads).asLongStream().toArray();
            value = node.floatAttr("value", 0f);
        } else {
            pads = ctx.requireConstant(node, 1, "pads").toLongs();
            if (!node.input(2).isEmpty()) {
                value = ctx.requireConstant(node, 2, "constant_value").toFloats()[0];
            }
        }
        long[] axes = node.input(3).isEmpty() ? null : ctx.requireConstant(node, 3, "axes").toLongs();
        int n = axes == null ? rank : axes.length;
        if (pads.length != 2 * n) {
            throw node.error(pads.length + " pads for " + n + " axes");
        }
        int[] begin = new int[rank];
        int[] end = new int[rank];
        for (int k = 0; k < n; k++) {
            int a = axes == null ? k : axis(node, axes[k], rank);
            if (pads[k] < 0 || pads[n + k] < 0 || pads[k] > Integer.MAX_VALUE || pads[n + k] > Integer.MAX_VALUE) {
                throw node.unsupported("pads", Arrays.toString(pads));
            }
            begin[a] = (int) pads[k];
            end[a] = (int) pads[n + k];
        }
        Pad.Mode m = switch (mode) {
            case "constant" -> Pad.Mode.CONSTANT;
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            default -> throw node.unsupported("mode", mode);
        };
        ctx.emit(node.name(), new Pad(m, begin, end, value), List.of(x), node.output());
    }
}
