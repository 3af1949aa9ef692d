package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.TensorShape;
import org.sham4j.model.graph.Transpose;

/**
 * ONNX Gemm and MatMul with a constant weight to Dense layers (a later bias Add folds in); MatMul applies to the
 * last axis of an input of any rank, every leading axis being batch.
 */
final class LinearImporters {
    private LinearImporters() {
    }

    static void gemm(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        float alpha = node.floatAttr("alpha", 1f);
        float beta = node.floatAttr("beta", 1f);
        boolean transA = node.intAttr("transA", 0) != 0;
        boolean transB = node.intAttr("transB", 0) != 0;
        String a = node.input(0);
        ctx.requireComputed(node, a, "input A");
        ConstantTensor b = ctx.requireConstant(node, 1, "weight B");
        if (b.rank() != 2) {
            throw node.error("weight B of rank " + b.rank() + ", expected a matrix");
        }
        int rows = transB ? b.dims()[1] : b.dims()[0];
        int cols = transB ? b.dims()[0] : b.dims()[1];
        float[] w = transB ? WeightLayouts.transpose(b.toFloats(), cols, rows) : b.toFloats().clone();
        if (alpha != 1f) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= alpha;
            }
        }
        TensorShape in = ctx.shape(a);
        if (in.rank() != 2) {
            throw node.error("input A of shape " + in + " is not supported (a matrix is)");
        }
        String input = a;
        if (transA) {
            input = node.name() + "/transA";
            ctx.emit(input, new Transpose(new int[] {1, 0}), List.of(a), input);
        }
        float[] bias = null;
        if (!node.input(2).isEmpty()) {
            ConstantTensor c = ctx.requireConstant(node, 2, "C");
            bias = rowVector(node, c, cols, "C");
            if (beta != 1f) {
                for (int j = 0; j < cols; j++) {
                    bias[j] *= beta;
                }
            }
        }
        dense(node, ctx, new Dense(WeightLayouts.dense(rows, cols, w), bias), input);
    }

    static void matMul(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String a = node.input(0);
        ctx.requireComputed(node, a, "input A");
        if (!ctx.isConstant(node.input(1))) {
            throw node.error("a product of two computed tensors is not supported (the second must be a constant "
                    + "weight)");
        }
        ConstantTensor b = ctx.requireConstant(node, 1, "weight B");
        if (b.rank() != 2) {
            throw node.error("weight B of rank " + b.rank() + ", expected a matrix");
        }
        if (ctx.shape(a).rank() < 2) {
            throw node.error("input A of shape " + ctx.shape(a) + " is not supported (rank 2 or more is)");
        }
        dense(node, ctx, new Dense(WeightLayouts.dense(b.dims()[0], b.dims()[1], b.toFloats()), null), a);
    }

    private static void dense(OnnxNode node, ImportContext ctx, Dense d, String input) throws InvalidInputException {
        try {
            ctx.emit(node.name(), d, List.of(input), node.output());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** The values of a constant that broadcasts along the rows of an (M, n) result, as a copy of length n. */
    static float[] rowVector(OnnxNode node, ConstantTensor c, int n, String role) throws InvalidInputException {
        int[] d = c.dims();
        boolean leadingOnes = true;
        for (int i = 0; i < d.length - 1; i++) {
            leadingOnes &= d[i] == 1;
        }
        int last = d.length == 0 ? 1 : d[d.length - 1];
        if (!leadingOnes || (last != n && last != 1)) {
            throw node.error(role + " of shape " + Arrays.toString(d) + " does not broadcast as a bias of " + n
                    + " values");
        }
        float[] v = c.toFloats();
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = v[last == 1 ? 0 : j];
        }
        return out;
    }
}
