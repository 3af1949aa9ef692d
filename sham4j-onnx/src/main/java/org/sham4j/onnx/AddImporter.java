package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;

/**
 * ONNX Add and Sum. Computed tensors of one shape make an Add layer. A constant added per channel (axis 1) is
 * a bias: it folds into the Dense or Conv that gives the other operand when nothing else reads that tensor,
 * else it becomes a BatchNorm that only adds (scale 1, mean 0, variance 1, epsilon 0).
 */
final class AddImporter {
    private AddImporter() {
    }

    static void add(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        List<String> in = node.inputs();
        if (in.size() < 2) {
            throw node.error("needs at least two inputs");
        }
        long constants = in.stream().filter(ctx::isConstant).count();
        if (constants == 0) {
            sum(node, ctx, in);
        } else if (constants == 1 && in.size() == 2) {
            boolean firstConstant = ctx.isConstant(in.get(0));
            bias(node, ctx, in.get(firstConstant ? 1 : 0), ctx.constant(in.get(firstConstant ? 0 : 1)));
        } else {
            throw node.error("adding constants to each other is not supported");
        }
    }

    private static void sum(OnnxNode node, ImportContext ctx, List<String> in) throws InvalidInputException {
        int[] shape = ctx.shape(in.get(0));
        for (String t : in) {
            int[] s = ctx.shape(t);
            if (shape != null && s != null && !compatible(shape, s)) {
                throw node.error("broadcasting " + ShapeText.of(shape) + " with " + ShapeText.of(s)
                        + " is not supported (the inputs must have one shape)");
            }
            if (shape == null) {
                shape = s;
            }
        }
        ctx.emit(node.name(), new org.sham4j.model.graph.Add(), in, node.output(), shape);
    }

    private static boolean compatible(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0 && b[i] >= 0 && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static void bias(OnnxNode node, ImportContext ctx, String x, ConstantTensor c)
            throws InvalidInputException {
        int[] shape = ctx.shape(x);
        if (shape == null) {
            throw node.error("adding a constant to '" + x + "' of unknown rank is not supported");
        }
        float[] perChannel = perChannel(node, shape, c);
        Node producer = ctx.soleProducer(x);
        Layer folded = null;
        if (producer != null && producer.layer() instanceof Dense d && shape.length == 2) {
            folded = new Dense(d.weights(), plus(d.bias(), perChannel));
        } else if (producer != null && producer.layer() instanceof Conv v) {
            folded = new Conv(v.weights(), plus(v.bias(), perChannel), v.inChannels(), v.outChannels(), v.kernel(),
                    v.strides(), v.padsBegin(), v.padsEnd(), v.dilations(), v.groups());
        }
        if (folded != null) {
            ctx.fold(producer, folded, node.output(), shape);
            return;
        }
        int n = perChannel.length;
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        ctx.emit(node.name(), new BatchNorm(ones, perChannel, new float[n], ones.clone(), 0f), List.of(x),
                node.output(), shape);
    }

    /** The constant as one value per channel of {@code shape}, or an error when it varies along another axis. */
    private static float[] perChannel(OnnxNode node, int[] shape, ConstantTensor c) throws InvalidInputException {
        int rank = shape.length;
        int[] d = c.dims();
        String problem = "a constant of shape " + Arrays.toString(d) + " added to " + ShapeText.of(shape)
                + " is not supported (only a bias per channel, axis 1)";
        if (d.length > rank || rank < 2) {
            throw node.error(problem);
        }
        int[] aligned = new int[rank];
        Arrays.fill(aligned, 1);
        System.arraycopy(d, 0, aligned, rank - d.length, d.length);
        for (int i = 0; i < rank; i++) {
            if (i != 1 && aligned[i] != 1) {
                throw node.error(problem);
            }
        }
        int channels = shape[1];
        if (channels < 0 || (aligned[1] != 1 && aligned[1] != channels)) {
            throw node.error(problem);
        }
        float[] v = c.toFloats();
        float[] out = new float[channels];
        for (int k = 0; k < channels; k++) {
            out[k] = v[aligned[1] == 1 ? 0 : k];
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
