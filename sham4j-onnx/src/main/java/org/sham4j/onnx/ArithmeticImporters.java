package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.TensorShape;

/**
 * ONNX Add, Sum, Sub, Mul, Div, Pow, Max, Min and Reciprocal, with broadcasting. Constants combine into a new
 * constant. A constant added per output channel of a Dense, Conv or ConvTranspose that nothing else reads is
 * its bias; another constant operand makes a {@link Binary} layer holding it; computed tensors make an Add
 * (any number of them) or a Binary.
 */
final class ArithmeticImporters {
    private ArithmeticImporters() {
    }

    static void add(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        List<String> in = node.inputs();
        if (in.size() == 2 && ctx.isConstant(in.get(0)) != ctx.isConstant(in.get(1))) {
            boolean first = ctx.isConstant(in.get(0));
            String x = in.get(first ? 1 : 0);
            ConstantTensor c = ctx.constant(in.get(first ? 0 : 1));
            if (foldBias(node, ctx, x, c)) {
                return;
            }
        }
        variadic(node, ctx, Binary.Op.ADD);
    }

    /** An op of exactly two operands. */
    static OpImporter binary(Binary.Op op) {
        return (node, ctx) -> {
            if (node.inputs().size() != 2) {
                throw node.error("needs two inputs, has " + node.inputs().size());
            }
            variadic(node, ctx, op);
        };
    }

    /** An op of one or more operands (Max, Min), taken left to right. */
    static OpImporter variadic(Binary.Op op) {
        return (node, ctx) -> variadic(node, ctx, op);
    }

    /** Reciprocal: 1 / x. */
    static void reciprocal(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        ctx.emit(node.name(), Binary.withConstant(Binary.Op.DIV, new Tensor(new int[0], new float[] {1f}), true),
                List.of(x), node.output());
    }

    /**
     * Two or more operands, left to right: constants fold, computed tensors of a sum make one Add, and otherwise
     * each step is a Binary of two computed tensors or of one and a constant.
     */
    private static void variadic(OnnxNode node, ImportContext ctx, Binary.Op op) throws InvalidInputException {
        List<String> in = node.inputs();
        if (in.isEmpty() || (in.size() == 1 && op != Binary.Op.ADD && op != Binary.Op.MAX && op != Binary.Op.MIN)) {
            throw node.error("needs at least two inputs");
        }
        if (in.size() == 1) {
            ctx.alias(node.output(), in.get(0));
            return;
        }
        if (op == Binary.Op.ADD && in.size() > 2 && in.stream().noneMatch(ctx::isConstant)) {
            for (String t : in) {
                ctx.requireComputed(node, t, "input '" + t + "'");
            }
            ctx.emit(node.name(), new Add(), in, node.output());
            return;
        }
        String acc = in.get(0);
        for (int k = 1; k < in.size(); k++) {
            boolean last = k == in.size() - 1;
            String out = last ? node.output() : node.name() + "/" + k;
            step(node, ctx, op, acc, in.get(k), last ? node.name() : out, out);
            acc = out;
        }
    }

    /** One step {@code a op b}: a folded constant, an Add or Binary of computed tensors, or a Binary with a constant. */
    private static void step(OnnxNode node, ImportContext ctx, Binary.Op op, String a, String b, String name,
            String out) throws InvalidInputException {
        ConstantTensor ca = ctx.constant(a);
        ConstantTensor cb = ctx.constant(b);
        if (ca != null && cb != null) {
            try {
                ctx.constant(out, ConstantTensor.combine(ca, cb, op));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw node.error(e.getMessage());
            }
            return;
        }
        if (ca == null && cb == null) {
            ctx.requireComputed(node, a, "input '" + a + "'");
            ctx.requireComputed(node, b, "input '" + b + "'");
            ctx.emit(name, op == Binary.Op.ADD ? new Add() : new Binary(op), List.of(a, b), out);
            return;
        }
        ConstantTensor c = ca != null ? ca : cb;
        String x = ca != null ? b : a;
        ctx.requireComputed(node, x, "input '" + x + "'");
        float[] values;
        try {
            values = c.toFloats();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        ctx.emit(name, Binary.withConstant(op, new Tensor(c.dims(), values), ca != null), List.of(x), out);
    }

    /**
     * Folds {@code x + c} into the bias of the Dense, Conv or ConvTranspose that gives {@code x} when nothing
     * else reads {@code x} and {@code c} holds one value per output channel (the last axis of a Dense, axis 1 of
     * a convolution), broadcast over the rest; returns whether it did.
     */
    private static boolean foldBias(OnnxNode node, ImportContext ctx, String x, ConstantTensor c) {
        Node producer = ctx.soleProducer(x);
        TensorShape shape = ctx.shape(x);
        if (producer == null || shape == null || c.hasSymbols()) {
            return false;
        }
        Layer l = producer.layer();
        int axis = l instanceof Dense ? shape.rank() - 1 : l instanceof Conv || l instanceof ConvTranspose ? 1 : -1;
        if (axis < 0) {
            return false;
        }
        float[] perChannel = perChannel(shape, c, axis);
        if (perChannel == null) {
            return false;
        }
        Layer folded;
        if (l instanceof Dense d) {
            folded = d.withParameters(d.weights(), plus(d.bias(), perChannel));
        } else if (l instanceof Conv v) {
            folded = v.withParameters(v.weights(), plus(v.bias(), perChannel));
        } else {
            ConvTranspose t = (ConvTranspose) l;
            folded = t.withParameters(t.weights(), plus(t.bias(), perChannel));
        }
        ctx.fold(producer, folded, node.output());
        return true;
    }

    /** The constant as one value per channel of {@code axis}, or null when it varies along another axis. */
    private static float[] perChannel(TensorShape shape, ConstantTensor c, int axis) {
        int rank = shape.rank();
        int[] d = c.dims();
        int channels = shape.dim(axis);
        if (d.length > rank || channels < 0) {
            return null;
        }
        int[] aligned = new int[rank];
        Arrays.fill(aligned, 1);
        System.arraycopy(d, 0, aligned, rank - d.length, d.length);
        for (int i = 0; i < rank; i++) {
            if (i != axis && aligned[i] != 1) {
                return null;
            }
        }
        if (aligned[axis] != 1 && aligned[axis] != channels) {
            return null;
        }
        float[] v = c.toFloats();
        float[] out = new float[channels];
        for (int k = 0; k < channels; k++) {
            out[k] = v[aligned[axis] == 1 ? 0 : k];
        }
        return out;
    }

    private static float[] plus(float[] bias, float[] add) {
        if (bias == null) {
            return add;
        }
        float[] s = new float[add.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = bias[k] + add[k];
        }
        return s;
    }
}
