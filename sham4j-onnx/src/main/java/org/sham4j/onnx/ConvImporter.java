package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.TensorShape;

/**
 * ONNX Conv and ConvTranspose (1-D or 2-D, groups, dilations, explicit or automatic padding; ConvTranspose's
 * output padding and output shape) to Conv and ConvTranspose layers.
 */
final class ConvImporter {
    private ConvImporter() {
    }

    static void conv(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        ConstantTensor w = ctx.requireConstant(node, 1, "weight");
        int dims = spatialAxes(node, w);
        int outChannels = w.dims()[0];
        int perGroup = w.dims()[1];
        int[] kernel = kernel(node, w);
        int groups = (int) node.intAttr("group", 1);
        int[] strides = Padding.perAxis(node, "strides", dims);
        int[] dilations = Padding.perAxis(node, "dilations", dims);
        TensorShape in = input(node, ctx, x, dims);
        if (groups < 1) {
            throw node.unsupported("group", groups);
        }
        int inChannels = perGroup * groups;
        if (in.dim(1) >= 0 && in.dim(1) != inChannels) {
            throw node.error("input has " + in.dim(1) + " channels, the weight takes " + inChannels);
        }
        int[] extent = new int[dims];
        int window = 1;
        for (int i = 0; i < dims; i++) {
            extent[i] = (kernel[i] - 1) * dilations[i] + 1;
            window *= kernel[i];
        }
        Padding pads = Padding.of(node, extent, strides, Padding.spatial(in, dims));
        float[] bias = ctx.optionalFloats(node, 2, "bias");
        Conv conv;
        try {
            conv = new Conv(WeightLayouts.im2col(w.toFloats(), outChannels, perGroup * window), bias, inChannels,
                    outChannels, kernel, strides, pads.begin(), pads.end(), dilations, groups);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        ctx.emit(node.name(), conv, List.of(x), node.output());
    }

    /**
     * ConvTranspose. Pads come from {@code pads}, or from {@code output_shape} or SAME auto-padding, which fix the
     * output size: total padding = stride·(in − 1) + output_padding + (kernel − 1)·dilation + 1 − out, split
     * with the larger half at the end for SAME_UPPER, at the start otherwise (as the ONNX specification says).
     */
    static void convTranspose(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        ConstantTensor w = ctx.requireConstant(node, 1, "weight");
        int dims = spatialAxes(node, w);
        int inChannels = w.dims()[0];
        int groups = (int) node.intAttr("group", 1);
        if (groups < 1) {
            throw node.unsupported("group", groups);
        }
        int outChannels = w.dims()[1] * groups;
        int[] kernel = kernel(node, w);
        int[] strides = Padding.perAxis(node, "strides", dims);
        int[] dilations = Padding.perAxis(node, "dilations", dims);
        int[] outputPadding = node.intsAttr("output_padding");
        if (outputPadding == null) {
            outputPadding = new int[dims];
        } else if (outputPadding.length != dims) {
            throw node.error("output_padding has " + outputPadding.length + " values for " + dims + " spatial axes");
        }
        TensorShape in = input(node, ctx, x, dims);
        if (in.dim(1) >= 0 && in.dim(1) != inChannels) {
            throw node.error("input has " + in.dim(1) + " channels, the weight takes " + inChannels);
        }
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        int[] outputShape = node.intsAttr("output_shape");
        int[] pads = node.intsAttr("pads");
        int[] begin = new int[dims];
        int[] end = new int[dims];
        if (outputShape != null || autoPad.startsWith("SAME")) {
            for (int i = 0; i < dims; i++) {
                int size = in.dim(2 + i);
                if (size < 0) {
                    throw node.error("output_shape or auto_pad=" + autoPad + " needs a known input size");
                }
                int out = outputShape != null ? outputShape[outputShape.length - dims + i] : size * strides[i];
                int total = strides[i] * (size - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1 - out;
                if (total < 0) {
                    throw node.error("output size " + out + " needs negative padding, which is not supported");
                }
                boolean upper = autoPad.equals("SAME_UPPER");
                begin[i] = upper ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            }
        } else if (autoPad.equals("NOTSET") && pads != null) {
            if (pads.length != 2 * dims) {
                throw node.error("pads has " + pads.length + " values for " + dims + " spatial axes");
            }
            begin = Arrays.copyOfRange(pads, 0, dims);
            end = Arrays.copyOfRange(pads, dims, 2 * dims);
        } else if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw node.unsupported("auto_pad", autoPad);
        }
        float[] bias = ctx.optionalFloats(node, 2, "bias");
        ConvTranspose layer;
        try {
            layer = new ConvTranspose(WeightLayouts.dense(inChannels, w.size() / inChannels, w.toFloats()), bias,
                    inChannels, outChannels, kernel, strides, begin, end, dilations, outputPadding, groups);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        ctx.emit(node.name(), layer, List.of(x), node.output());
    }

    private static int spatialAxes(OnnxNode node, ConstantTensor w) throws InvalidInputException {
        int dims = w.rank() - 2;
        if (dims < 1 || dims > 2) {
            throw node.error("a weight of rank " + w.rank() + " (" + dims + " spatial axes) is not supported");
        }
        return dims;
    }

    private static int[] kernel(OnnxNode node, ConstantTensor w) throws InvalidInputException {
        int[] kernel = Arrays.copyOfRange(w.dims(), 2, w.rank());
        int[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape != null && !Arrays.equals(kernelShape, kernel)) {
            throw node.error("kernel_shape " + Arrays.toString(kernelShape) + " differs from the weight's "
                    + Arrays.toString(kernel));
        }
        return kernel;
    }

    private static TensorShape input(OnnxNode node, ImportContext ctx, String x, int dims)
            throws InvalidInputException {
        TensorShape in = ctx.shape(x);
        if (in.rank() != dims + 2) {
            throw node.error("input of rank " + in.rank() + " for a " + dims + "-D kernel");
        }
        return in;
    }
}
