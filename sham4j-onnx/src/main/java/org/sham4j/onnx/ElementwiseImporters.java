package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Activation.Function;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.TensorShape;

/**
 * ONNX activations, Softmax, LogSoftmax, Dropout, BatchNormalization and LayerNormalization: layers that keep
 * the shape.
 */
final class ElementwiseImporters {
    private ElementwiseImporters() {
    }

    /** An activation without parameters. */
    static OpImporter plain(Function f) {
        return (node, ctx) -> activation(node, ctx, new Activation(f));
    }

    static void leakyRelu(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        activation(node, ctx, new Activation(Function.LEAKY_RELU, node.floatAttr("alpha", 0.01f), 0f));
    }

    static void elu(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        activation(node, ctx, new Activation(Function.ELU, node.floatAttr("alpha", 1f), 0f));
    }

    static void selu(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        Activation d = new Activation(Function.SELU);
        activation(node, ctx, new Activation(Function.SELU, node.floatAttr("alpha", d.alpha()),
                node.floatAttr("gamma", d.beta())));
    }

    static void hardSigmoid(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        activation(node, ctx, new Activation(Function.HARD_SIGMOID, node.floatAttr("alpha", 0.2f),
                node.floatAttr("beta", 0.5f)));
    }

    /** Gelu (opset 20): the exact form only. */
    static void gelu(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String approximate = node.stringAttr("approximate", "none");
        if (!approximate.equals("none")) {
            throw node.unsupported("approximate", approximate);
        }
        activation(node, ctx, new Activation(Function.GELU));
    }

    /** Clip: bounds as attributes before opset 11, as optional constant inputs from it. */
    static void clip(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        float min = node.floatAttr("min", Float.NEGATIVE_INFINITY);
        float max = node.floatAttr("max", Float.POSITIVE_INFINITY);
        if (!node.input(1).isEmpty()) {
            min = ctx.requireConstant(node, 1, "min").toFloats()[0];
        }
        if (!node.input(2).isEmpty()) {
            max = ctx.requireConstant(node, 2, "max").toFloats()[0];
        }
        if (!(min <= max)) {
            throw node.error("min " + min + " is above max " + max);
        }
        activation(node, ctx, new Activation(Function.CLIP, min, max));
    }

    private static void activation(OnnxNode node, ImportContext ctx, Activation a) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        ctx.emit(node.name(), a, List.of(x), node.output());
    }

    static void softmax(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        softmax(node, ctx, false);
    }

    static void logSoftmax(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        softmax(node, ctx, true);
    }

    /**
     * Softmax or LogSoftmax. From opset 13 it runs along one axis (default -1). Before, it ran over the input
     * flattened to 2-D at {@code axis} (default 1): the same when that axis is the last one, else a Flatten, a
     * Softmax along axis 1 and a Reshape back.
     */
    private static void softmax(OnnxNode node, ImportContext ctx, boolean log) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        TensorShape shape = ctx.shape(x);
        boolean coerced = ctx.opset() < 13;
        int axis = (int) node.intAttr("axis", coerced ? 1 : -1);
        int a = axis < 0 ? axis + shape.rank() : axis;
        if (a < 0 || a >= shape.rank()) {
            throw node.error("axis " + axis + " is out of range for " + shape);
        }
        if (!coerced || a == shape.rank() - 1) {
            ctx.emit(node.name(), new Softmax(axis, log), List.of(x), node.output());
            return;
        }
        int[] back = shape.dims();
        back[0] = -1;
        for (int i = 1; i < back.length; i++) {
            if (back[i] < 0) {
                throw node.error("axis " + axis + " before opset 13 needs known sizes, the input is " + shape);
            }
        }
        String flat = node.name() + "/flatten";
        String soft = node.name() + "/softmax";
        ctx.emit(flat, new Flatten(a), List.of(x), flat);
        ctx.emit(soft, new Softmax(1, log), List.of(flat), soft);
        ctx.emit(node.name(), new Reshape(back), List.of(soft), node.output());
    }

    /** Dropout: the ratio is an attribute before opset 12, an optional constant input after. */
    static void dropout(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        node.intAttr("seed", 0);
        node.intAttr("is_test", 1);
        float rate = node.floatAttr("ratio", 0.5f);
        if (!node.input(1).isEmpty()) {
            rate = ctx.requireConstant(node, 1, "ratio").toFloats()[0];
        }
        if (!node.input(2).isEmpty() && ctx.requireConstant(node, 2, "training_mode").toLongs()[0] != 0) {
            throw node.error("training_mode=true is not supported");
        }
        ctx.emit(node.name(), new Dropout(rate), List.of(x), node.output());
    }

    static void batchNorm(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        float epsilon = node.floatAttr("epsilon", 1e-5f);
        node.floatAttr("momentum", 0.9f);
        node.intAttr("is_test", 1);
        long spatial = node.intAttr("spatial", 1);
        if (spatial != 1) {
            throw node.unsupported("spatial", spatial);
        }
        long training = node.intAttr("training_mode", 0);
        if (training != 0) {
            throw node.unsupported("training_mode", training);
        }
        float[] scale = ctx.requireConstant(node, 1, "scale").toFloats();
        float[] bias = ctx.requireConstant(node, 2, "bias").toFloats();
        float[] mean = ctx.requireConstant(node, 3, "mean").toFloats();
        float[] variance = ctx.requireConstant(node, 4, "variance").toFloats();
        if (bias.length != scale.length || mean.length != scale.length || variance.length != scale.length) {
            throw node.error("parameters of lengths " + Arrays.toString(new int[] {scale.length, bias.length,
                    mean.length, variance.length}) + " differ");
        }
        ctx.emit(node.name(), new BatchNorm(scale, bias, mean, variance, epsilon), List.of(x), node.output());
    }

    /** LayerNormalization (opset 17): constant scale and optional bias over the axes from {@code axis} on. */
    static void layerNorm(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        int axis = (int) node.intAttr("axis", -1);
        float epsilon = node.floatAttr("epsilon", 1e-5f);
        long stash = node.intAttr("stash_type", 1);
        if (stash != 1) {
            throw node.unsupported("stash_type", stash);
        }
        TensorShape shape = ctx.shape(x);
        int a = axis < 0 ? axis + shape.rank() : axis;
        if (a < 0 || a >= shape.rank()) {
            throw node.error("axis " + axis + " is out of range for " + shape);
        }
        int[] normalized = Arrays.copyOfRange(shape.dims(), a, shape.rank());
        if (Arrays.stream(normalized).anyMatch(d -> d < 0)) {
            throw node.error("normalising axes of unknown or batch size in " + shape + " is not supported");
        }
        int size = (int) ConstantTensor.count(normalized);
        float[] scale = broadcastTo(node, ctx.requireConstant(node, 1, "scale"), normalized, size, "scale");
        float[] bias = node.input(2).isEmpty() ? null
                : broadcastTo(node, ctx.requireConstant(node, 2, "bias"), normalized, size, "bias");
        ctx.emit(node.name(), new LayerNorm(axis, scale, bias, epsilon), List.of(x), node.output());
    }

    /** A constant's values broadcast to {@code dims} (one per normalised position). */
    private static float[] broadcastTo(OnnxNode node, ConstantTensor c, int[] dims, int size, String role)
            throws InvalidInputException {
        ConstantTensor zeros = ConstantTensor.ofFloats(dims, new float[size]);
        try {
            ConstantTensor b = ConstantTensor.combine(zeros, c, org.sham4j.model.graph.Binary.Op.ADD);
            if (!Arrays.equals(b.dims(), dims)) {
                throw new IllegalArgumentException("shape " + Arrays.toString(c.dims()));
            }
            return b.toFloats();
        } catch (IllegalArgumentException e) {
            throw node.error("the " + role + " of shape " + Arrays.toString(c.dims()) + " does not fit the normalised "
                    + "shape " + Arrays.toString(dims));
        }
    }
}
