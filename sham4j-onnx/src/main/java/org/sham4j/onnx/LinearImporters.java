package org.sham4j.onnx;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Transpose;

/** ONNX Gemm and MatMul with a constant weight to Dense layers (a later bias Add folds in). */
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
        int[] in = requireMatrix(node, ctx.shape(a), "input A");
        String input = a;
        if (transA) {
            input = node.name() + "/transA";
            int[] t = in == null ? null : new int[] {in[1], in[0]};
            ctx.emit(input, new Transpose(new int[] {1, 0}), List.of(a), input, t);
            in = t;
        }
        if (in != null && in[1] >= 0 && in[1] != rows) {
            throw node.error("input A has " + in[1] + " columns, weight B has " + rows + " rows");
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
        ctx.emit(node.name(), new Dense(WeightLayouts.dense(rows, cols, w), bias), List.of(input), node.output(),
                new int[] {in == null ? -1 : in[0], cols});
    }

    static void matMul(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        String a = node.input(0);
        ctx.requireComputed(node, a, "input A");
        ConstantTensor b = ctx.requireConstant(node, 1, "weight B");
        if (b.rank() != 2) {
            throw node.error("weight B of rank " + b.rank() + ", expected a matrix");
        }
        int[] in = requireMatrix(node, ctx.shape(a), "input A");
        int rows = b.dims()[0];
        int cols = b.dims()[1];
        if (in != null && in[1] >= 0 && in[1] != rows) {
            throw node.error("input A has " + in[1] + " columns, weight B has " + rows + " rows");
        }
        ctx.emit(node.name(), new Dense(WeightLayouts.dense(rows, cols, b.toFloats()), null), List.of(a),
                node.output(), new int[] {in == null ? -1 : in[0], cols});
    }

    /** A Dense layer takes (N, in): refuses a known shape of another rank. */
    private static int[] requireMatrix(OnnxNode node, int[] shape, String role) throws InvalidInputException {
        if (shape != null && shape.length != 2) {
            throw node.error(role + " of shape " + ShapeText.of(shape) + " is not supported (a matrix (N, in) is)");
        }
        return shape;
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
