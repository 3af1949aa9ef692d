package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;

/** ONNX Relu, Sigmoid, Tanh, Softmax, Dropout and BatchNormalization: layers that keep the shape. */
final class ElementwiseImporters {
    private ElementwiseImporters() {
    }

    static void relu(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        activation(node, ctx, Activation.Function.RELU);
    }

    static void sigmoid(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        activation(node, ctx, Activation.Function.SIGMOID);
    }

    static void tanh(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        activation(node, ctx, Activation.Function.TANH);
    }

    private static void activation(OnnxNode node, ImportContext ctx, Activation.Function f)
            throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        ctx.emit(node.name(), new Activation(f), List.of(x), node.output(), ctx.shape(x));
    }

    /**
     * Softmax. From opset 13 it runs along one axis (default -1). Before, it ran over the input flattened to 2-D
     * at {@code axis} (default 1): the same when that axis is the last one, else a Flatten, a Softmax along
     * axis 1 and a Reshape back.
     */
    static void softmax(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        int[] shape = ctx.shape(x);
        boolean coerced = ctx.opset() < 13;
        int axis = (int) node.intAttr("axis", coerced ? 1 : -1);
        if (!coerced || axis == -1) {
            ctx.emit(node.name(), new Softmax(axis), List.of(x), node.output(), shape);
            return;
        }
        if (shape == null) {
            throw node.error("axis " + axis + " before opset 13 needs an input of known rank");
        }
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw node.error("axis " + axis + " is out of range for " + ShapeText.of(shape));
        }
        if (a == shape.length - 1) {
            ctx.emit(node.name(), new Softmax(axis), List.of(x), node.output(), shape);
            return;
        }
        int[] back = shape.clone();
        back[0] = -1;
        for (int i = 1; i < back.length; i++) {
            if (back[i] < 0) {
                throw node.error("axis " + axis + " before opset 13 needs known sizes, the input is "
                        + ShapeText.of(shape));
            }
        }
        String flat = node.name() + "/flatten";
        String soft = node.name() + "/softmax";
        ctx.emit(flat, new Flatten(a), List.of(x), flat, null);
        ctx.emit(soft, new Softmax(1), List.of(flat), soft, null);
        ctx.emit(node.name(), new Reshape(back), List.of(soft), node.output(), shape);
    }

    /** Dropout: the ratio is an attribute before opset 12, an optional constant input after. */
    static void dropout(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        node.intAttr("seed", 0);
        float rate = node.floatAttr("ratio", 0.5f);
        if (!node.input(1).isEmpty()) {
            rate = ctx.requireConstant(node, 1, "ratio").toFloats()[0];
        }
        if (!node.input(2).isEmpty() && ctx.requireConstant(node, 2, "training_mode").toLongs()[0] != 0) {
            throw node.error("training_mode=true is not supported");
        }
        ctx.emit(node.name(), new Dropout(rate), List.of(x), node.output(), ctx.shape(x));
    }

    static void batchNorm(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        float epsilon = node.floatAttr("epsilon", 1e-5f);
        node.floatAttr("momentum", 0.9f);
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
        int[] shape = ctx.shape(x);
        if (shape != null && (shape.length < 2 || (shape[1] >= 0 && shape[1] != scale.length))) {
            throw node.error(scale.length + " channels for an input of shape " + ShapeText.of(shape));
        }
        if (bias.length != scale.length || mean.length != scale.length || variance.length != scale.length) {
            throw node.error("parameters of lengths " + Arrays.toString(new int[] {scale.length, bias.length,
                    mean.length, variance.length}) + " differ");
        }
        ctx.emit(node.name(), new BatchNorm(scale, bias, mean, variance, epsilon), List.of(x), node.output(), shape);
    }
}
