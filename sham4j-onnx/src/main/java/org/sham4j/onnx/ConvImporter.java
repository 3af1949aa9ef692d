package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Conv;

/** ONNX Conv (1-D or 2-D, groups, dilations, explicit or automatic padding) to a Conv layer. */
final class ConvImporter {
    private ConvImporter() {
    }

    static void conv(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        ConstantTensor w = ctx.requireConstant(node, 1, "weight");
        int dims = w.rank() - 2;
        if (dims < 1 || dims > 2) {
            throw node.error("a weight of rank " + w.rank() + " (" + dims + " spatial axes) is not supported");
        }
        int outChannels = w.dims()[0];
        int perGroup = w.dims()[1];
        int[] kernel = Arrays.copyOfRange(w.dims(), 2, w.rank());
        int[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape != null && !Arrays.equals(kernelShape, kernel)) {
            throw node.error("kernel_shape " + Arrays.toString(kernelShape) + " differs from the weight's "
                    + Arrays.toString(kernel));
        }
        int groups = (int) node.intAttr("group", 1);
        int[] strides = Padding.perAxis(node, "strides", dims);
        int[] dilations = Padding.perAxis(node, "dilations", dims);
        int[] in = ctx.shape(x);
        if (in != null && in.length != dims + 2) {
            throw node.error("input of rank " + in.length + " for a " + dims + "-D kernel");
        }
        if (groups < 1) {
            throw node.unsupported("group", groups);
        }
        int inChannels = perGroup * groups;
        if (in != null && in[1] >= 0 && in[1] != inChannels) {
            throw node.error("input has " + in[1] + " channels, the weight takes " + inChannels);
        }
        int[] extent = new int[dims];
        int window = 1;
        for (int i = 0; i < dims; i++) {
            extent[i] = (kernel[i] - 1) * dilations[i] + 1;
            window *= kernel[i];
        }
        int[] spatial = Padding.spatial(in, dims);
        Padding pads = Padding.of(node, extent, strides, spatial);
        float[] bias = ctx.optionalFloats(node, 2, "bias");
        Conv conv = new Conv(WeightLayouts.im2col(w.toFloats(), outChannels, perGroup * window), bias, inChannels,
                outChannels, kernel, strides, pads.begin(), pads.end(), dilations, groups);
        int[] out = new int[dims + 2];
        out[0] = in == null ? -1 : in[0];
        out[1] = outChannels;
        System.arraycopy(pads.outputSizes(spatial, extent, strides, false), 0, out, 2, dims);
        ctx.emit(node.name(), conv, List.of(x), node.output(), out);
    }
}
