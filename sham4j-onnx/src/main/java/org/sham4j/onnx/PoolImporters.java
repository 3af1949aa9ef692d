package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;

/**
 * ONNX MaxPool, AveragePool, GlobalMaxPool, GlobalAveragePool, and ReduceMean/ReduceMax over the spatial axes
 * to pooling layers.
 */
final class PoolImporters {
    private PoolImporters() {
    }

    static void maxPool(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        long storageOrder = node.intAttr("storage_order", 0);
        if (storageOrder != 0) {
            throw node.unsupported("storage_order", storageOrder);
        }
        pool(node, ctx, PoolKind.MAX, false);
    }

    static void averagePool(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        pool(node, ctx, PoolKind.AVERAGE, node.intAttr("count_include_pad", 0) != 0);
    }

    /**
     * ReduceMean or ReduceMax over exactly the spatial axes: a global pool. The axes are an attribute before
     * opset 18 and an input from it.
     */
    static void reduceMean(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        reduce(node, ctx, PoolKind.AVERAGE);
    }

    static void reduceMax(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        reduce(node, ctx, PoolKind.MAX);
    }

    private static void reduce(OnnxNode node, ImportContext ctx, PoolKind kind) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        boolean keep = node.intAttr("keepdims", 1) != 0;
        long noop = node.intAttr("noop_with_empty_axes", 0);
        if (noop != 0) {
            throw node.unsupported("noop_with_empty_axes", noop);
        }
        long[] axes = node.input(1).isEmpty() ? null : ctx.requireConstant(node, 1, "axes").toLongs();
        int[] attr = node.intsAttr("axes");
        if (attr != null) {
            axes = java.util.Arrays.stream(attr).asLongStream().toArray();
        }
        int[] shape = ctx.shape(x);
        if (shape == null || axes == null || shape.length < 3) {
            throw node.error("only a reduction over the spatial axes of an input of known rank is supported");
        }
        long[] sorted = java.util.Arrays.stream(axes).map(a -> a < 0 ? a + shape.length : a).sorted().toArray();
        long[] spatial = java.util.stream.LongStream.range(2, shape.length).toArray();
        if (!java.util.Arrays.equals(sorted, spatial)) {
            throw node.error("axes " + java.util.Arrays.toString(axes) + " of an input of rank " + shape.length
                    + " is not supported (only the spatial axes " + java.util.Arrays.toString(spatial) + ")");
        }
        int[] out = keep ? shape.clone() : new int[] {shape[0], shape[1]};
        if (keep) {
            Arrays.fill(out, 2, out.length, 1);
        }
        ctx.emit(node.name(), new GlobalPool(kind, keep), List.of(x), node.output(), out);
    }

    private static void pool(OnnxNode node, ImportContext ctx, PoolKind kind, boolean countIncludePad)
            throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        int[] kernel = node.intsAttr("kernel_shape");
        if (kernel == null) {
            throw node.error("kernel_shape is missing");
        }
        int dims = kernel.length;
        if (dims < 1 || dims > 2) {
            throw node.error(dims + " spatial axes are not supported");
        }
        int[] strides = Padding.perAxis(node, "strides", dims);
        int[] dilations = Padding.perAxis(node, "dilations", dims);
        if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw node.unsupported("dilations", Arrays.toString(dilations));
        }
        boolean ceil = node.intAttr("ceil_mode", 0) != 0;
        int[] in = ctx.shape(x);
        if (in != null && in.length != dims + 2) {
            throw node.error("input of rank " + in.length + " for a " + dims + "-D window");
        }
        int[] spatial = Padding.spatial(in, dims);
        Padding pads = Padding.of(node, kernel, strides, spatial);
        Pool pool = new Pool(kind, kernel, strides, pads.begin(), pads.end(), countIncludePad, ceil);
        int[] out = null;
        if (in != null) {
            out = in.clone();
            System.arraycopy(pads.outputSizes(spatial, kernel, strides, ceil), 0, out, 2, dims);
        }
        if (countIncludePad && ceil && ctx.opset() < 19 && windowsMayPassPadding(pads, spatial, kernel, strides)) {
            throw node.error("count_include_pad=1 with ceil_mode=1 before opset 19 divides the last windows by the "
                    + "whole kernel; not supported (unless the input size is known and no window passes the padding)");
        }
        ctx.emit(node.name(), pool, List.of(x), node.output(), out);
    }

    /** Whether a ceil-mode window may reach past the end padding (always, when the input size is unknown). */
    private static boolean windowsMayPassPadding(Padding pads, int[] spatial, int[] kernel, int[] strides) {
        int[] out = pads.outputSizes(spatial, kernel, strides, true);
        for (int i = 0; i < kernel.length; i++) {
            if (out[i] < 0 || (out[i] - 1) * strides[i] - pads.begin()[i] + kernel[i] > spatial[i] + pads.end()[i]) {
                return true;
            }
        }
        return false;
    }

    static void globalMax(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        global(node, ctx, PoolKind.MAX);
    }

    static void globalAverage(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        global(node, ctx, PoolKind.AVERAGE);
    }

    private static void global(OnnxNode node, ImportContext ctx, PoolKind kind) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        int[] out = ctx.shape(x);
        if (out != null) {
            if (out.length < 3) {
                throw node.error("input of rank " + out.length + " has no spatial axis");
            }
            Arrays.fill(out, 2, out.length, 1);
        }
        ctx.emit(node.name(), new GlobalPool(kind, true), List.of(x), node.output(), out);
    }
}
