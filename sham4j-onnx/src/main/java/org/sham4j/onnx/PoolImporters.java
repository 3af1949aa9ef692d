package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.TensorShape;

/**
 * ONNX MaxPool, AveragePool (dilated windows too), GlobalMaxPool, GlobalAveragePool, and ReduceMean, ReduceSum,
 * ReduceMax and ReduceMin over any axes: over exactly the spatial axes, a mean or max is a global pool.
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

    /** ReduceMean, ReduceSum, ReduceMax or ReduceMin. */
    static OpImporter reduce(Reduce.Op op) {
        return (node, ctx) -> reduce(node, ctx, op);
    }

    /**
     * A reduction. The axes are an attribute before opset 18 (before 13 for ReduceSum) and an optional input
     * from it; none means all axes, or nothing with noop_with_empty_axes.
     */
    private static void reduce(OnnxNode node, ImportContext ctx, Reduce.Op op) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input");
        boolean keep = node.intAttr("keepdims", 1) != 0;
        boolean noop = node.intAttr("noop_with_empty_axes", 0) != 0;
        long[] axes = node.input(1).isEmpty() ? null : ctx.requireConstant(node, 1, "axes").toLongs();
        int[] attr = node.intsAttr("axes");
        if (attr != null) {
            axes = Arrays.stream(attr).asLongStream().toArray();
        }
        TensorShape shape = ctx.shape(x);
        int rank = shape.rank();
        if (axes == null || axes.length == 0) {
            if (noop) {
                ctx.alias(node.output(), x);
                return;
            }
            axes = IntStream.range(0, rank).asLongStream().toArray();
        }
        int[] given = new int[axes.length];
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw node.error("axis " + axes[i] + " is out of range for " + shape);
            }
            given[i] = (int) axes[i];
            sorted[i] = (int) a;
        }
        Arrays.sort(sorted);
        boolean spatial = rank >= 3 && Arrays.equals(sorted, IntStream.range(2, rank).toArray());
        try {
            if (spatial && (op == Reduce.Op.MEAN || op == Reduce.Op.MAX)) {
                ctx.emit(node.name(), new GlobalPool(op == Reduce.Op.MAX ? PoolKind.MAX : PoolKind.AVERAGE, keep),
                        List.of(x), node.output());
            } else {
                ctx.emit(node.name(), new Reduce(op, given, keep), List.of(x), node.output());
            }
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
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
        boolean ceil = node.intAttr("ceil_mode", 0) != 0;
        TensorShape in = ctx.shape(x);
        if (in.rank() != dims + 2) {
            throw node.error("input of rank " + in.rank() + " for a " + dims + "-D window");
        }
        int[] spatial = Padding.spatial(in, dims);
        int[] extent = new int[dims];
        for (int i = 0; i < dims; i++) {
            extent[i] = (kernel[i] - 1) * dilations[i] + 1;
        }
        Padding pads = Padding.of(node, extent, strides, spatial);
        Pool pool;
        try {
            pool = new Pool(kind, kernel, strides, pads.begin(), pads.end(), dilations, countIncludePad, ceil);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        if (countIncludePad && ceil && ctx.opset() < 19 && windowsMayPassPadding(pads, spatial, extent, strides)) {
            throw node.error("count_include_pad=1 with ceil_mode=1 before opset 19 divides the last windows by the "
                    + "whole kernel; not supported (unless the input size is known and no window passes the padding)");
        }
        ctx.emit(node.name(), pool, List.of(x), node.output());
    }

    /** Whether a ceil-mode window may reach past the end padding (always, when the input size is unknown). */
    private static boolean windowsMayPassPadding(Padding pads, int[] spatial, int[] extent, int[] strides) {
        int[] out = pads.outputSizes(spatial, extent, strides, true);
        for (int i = 0; i < extent.length; i++) {
            if (out[i] < 0 || (out[i] - 1) * strides[i] - pads.begin()[i] + extent[i] > spatial[i] + pads.end()[i]) {
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
        if (ctx.shape(x).rank() < 3) {
            throw node.error("input of rank " + ctx.shape(x).rank() + " has no spatial axis");
        }
        ctx.emit(node.name(), new GlobalPool(kind, true), List.of(x), node.output());
    }
}
