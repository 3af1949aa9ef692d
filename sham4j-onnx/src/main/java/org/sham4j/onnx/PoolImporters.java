package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;

/** ONNX MaxPool, AveragePool, GlobalMaxPool and GlobalAveragePool to pooling layers. */
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
        ctx.emit(node.name(), pool, List.of(x), node.output(), out);
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
