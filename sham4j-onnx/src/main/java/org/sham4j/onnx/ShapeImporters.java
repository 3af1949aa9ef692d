package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Transpose;

/**
 * ONNX Flatten, Reshape, Transpose, Concat and Identity. On constants (a weight reshaped or transposed
 * before a MatMul) they fold into a new constant; on computed tensors they become layers.
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
        int[] in = ctx.shape(x);
        ConstantTensor c = ctx.constant(x);
        if (c != null) {
            in = c.dims();
        }
        int a = axis;
        if (a < 0) {
            if (in == null) {
                throw node.error("a negative axis needs an input of known rank");
            }
            a += in.length;
        }
        if (a < 0 || (in != null && a > in.length)) {
            throw node.error("axis " + axis + " is out of range");
        }
        int[] out = in == null ? null : new int[] {product(in, 0, a), product(in, a, in.length)};
        if (c != null) {
            ctx.constant(node.output(), c.reshape(out));
            return;
        }
        ctx.emit(node.name(), new Flatten(axis), List.of(x), node.output(), out);
    }

    private static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            if (shape[i] < 0) {
                return -1;
            }
            p *= shape[i];
        }
        return p;
    }

    static void reshape(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        boolean allowZero = node.intAttr("allowzero", 0) != 0;
        String x = node.input(0);
        long[] raw = ctx.requireConstant(node, 1, "shape").toLongs();
        int[] target = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < -1 || raw[i] > Integer.MAX_VALUE || (allowZero && raw[i] == 0)) {
                throw node.error("target shape " + Arrays.toString(raw) + " is not supported");
            }
            target[i] = (int) raw[i];
        }
        if (Arrays.stream(target).filter(t -> t == -1).count() > 1) {
            throw node.error("target shape " + Arrays.toString(raw) + " has more than one -1");
        }
        ConstantTensor c = ctx.constant(x);
        if (c != null) {
            ctx.constant(node.output(), c.reshape(resolve(node, target, c.dims(), c.size())));
            return;
        }
        int[] in = ctx.shape(x);
        if (ctx.batchFixedToOne() && target.length > 0 && target[0] == 1 && keepsSample(target, in)) {
            target[0] = 0;
        }
        ctx.emit(node.name(), new Reshape(target), List.of(x), node.output(), outShape(target, in));
    }

    /** Whether target[1..] holds exactly one sample of {@code in} (so target[0] is the batch axis). */
    private static boolean keepsSample(int[] target, int[] in) {
        if (in == null || in.length == 0) {
            return false;
        }
        int sample = product(in, 1, in.length);
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
        return sample >= 0 && (free ? known > 0 && sample % known == 0 : known == sample);
    }

    /** The output shape of a reshape of a computed tensor (batch unknown). */
    private static int[] outShape(int[] target, int[] in) {
        int[] out = new int[target.length];
        int free = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            out[i] = target[i] == 0 ? (in != null && i < in.length ? in[i] : -1) : target[i];
            if (target[i] == -1) {
                free = i;
            } else if (i > 0) {
                known = out[i] < 0 ? -1 : known * out[i];
            }
        }
        if (free > 0 && target[0] == 0 && in != null && known > 0) {
            int sample = product(in, 1, in.length);
            out[free] = sample >= 0 && sample % known == 0 ? (int) (sample / known) : -1;
        }
        return out;
    }

    /** A fully known target shape of a constant with {@code count} values. */
    private static int[] resolve(OnnxNode node, int[] target, int[] in, int count) throws InvalidInputException {
        int[] out = target.clone();
        int free = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                if (i >= in.length) {
                    throw node.error("target shape " + Arrays.toString(target) + " copies a missing axis");
                }
                out[i] = in[i];
            }
            if (out[i] == -1) {
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0 && known > 0 && count % known == 0) {
            out[free] = (int) (count / known);
            known = count;
        }
        if (known != count) {
            throw node.error("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(target));
        }
        return out;
    }

    static void transpose(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ConstantTensor c = ctx.constant(x);
        int[] in = c != null ? c.dims() : ctx.shape(x);
        int[] perm = node.intsAttr("perm");
        if (perm == null) {
            if (in == null) {
                throw node.error("the default perm needs an input of known rank");
            }
            perm = new int[in.length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = in.length - 1 - i;
            }
        }
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i || (in != null && in.length != perm.length)) {
                throw node.error("perm " + Arrays.toString(perm) + " is not a permutation of the input's axes");
            }
        }
        if (c != null) {
            ctx.constant(node.output(), c.transpose(perm));
            return;
        }
        int[] out = null;
        if (in != null) {
            out = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                out[i] = in[perm[i]];
            }
        }
        ctx.emit(node.name(), new Transpose(perm), List.of(x), node.output(), out);
    }

    static void concat(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        if (!node.has("axis")) {
            throw node.error("axis is missing");
        }
        int axis = (int) node.intAttr("axis", 0);
        List<String> in = node.inputs();
        int[] out = null;
        boolean known = true;
        for (String t : in) {
            ctx.requireComputed(node, t, "input '" + t + "'");
            int[] s = ctx.shape(t);
            known &= s != null;
            if (s == null) {
                continue;
            }
            int a = axis < 0 ? axis + s.length : axis;
            if (a < 0 || a >= s.length) {
                throw node.error("axis " + axis + " is out of range for " + ShapeText.of(s));
            }
            if (out == null) {
                out = s;
            } else if (out.length != s.length) {
                throw node.error("inputs of ranks " + out.length + " and " + s.length);
            } else {
                out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
            }
        }
        ctx.emit(node.name(), new Concat(axis), in, node.output(), known ? out : null);
    }
}
