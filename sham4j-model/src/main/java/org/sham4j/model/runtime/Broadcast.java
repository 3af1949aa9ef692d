package org.sham4j.model.runtime;

import java.util.Arrays;
import org.sham4j.core.matrix.Tensor;

/**
 * Elementwise operations of two tensors with ONNX (numpy) broadcasting: shapes are aligned on their last axis
 * and a dimension of 1 or a missing leading one stretches. Equal shapes take a plain loop.
 */
final class Broadcast {
    private Broadcast() {
    }

    /** One elementwise operation. */
    @FunctionalInterface
    interface Op {
        float apply(float a, float b);
    }

    /** a op b, broadcast. */
    static Tensor apply(Tensor a, Tensor b, Op op) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        float[] x = a.data();
        float[] z = b.data();
        if (Arrays.equals(sa, sb)) {
            float[] y = new float[x.length];
            for (int k = 0; k < y.length; k++) {
                y[k] = op.apply(x[k], z[k]);
            }
            return new Tensor(sa, y);
        }
        int rank = Math.max(sa.length, sb.length);
        int[] out = new int[rank];
        for (int k = 0; k < rank; k++) {
            int da = dim(sa, k, rank);
            int db = dim(sb, k, rank);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("input shapes " + Shapes.of(sa) + " and " + Shapes.of(sb)
                        + " do not broadcast");
            }
            out[k] = da == 1 ? db : da;
        }
        int[] stA = strides(sa, out);
        int[] stB = strides(sb, out);
        float[] y = new float[Math.toIntExact(Tensor.size(out))];
        int[] index = new int[rank];
        int ia = 0;
        int ib = 0;
        for (int d = 0; d < y.length; d++) {
            y[d] = op.apply(x[ia], z[ib]);
            for (int k = rank - 1; k >= 0; k--) {
                ia += stA[k];
                ib += stB[k];
                if (++index[k] < out[k]) {
                    break;
                }
                ia -= stA[k] * out[k];
                ib -= stB[k] * out[k];
                index[k] = 0;
            }
        }
        return new Tensor(out, y);
    }

    /** Dimension of {@code s} at output axis k of a rank-{@code rank} result (1 for a missing leading axis). */
    private static int dim(int[] s, int k, int rank) {
        int j = k - (rank - s.length);
        return j < 0 ? 1 : s[j];
    }

    /** Strides of {@code s} along the output's axes, 0 where it is broadcast. */
    private static int[] strides(int[] s, int[] out) {
        int rank = out.length;
        int[] st = new int[rank];
        int step = 1;
        for (int k = rank - 1; k >= 0; k--) {
            int d = dim(s, k, rank);
            st[k] = d == 1 && out[k] != 1 ? 0 : step;
            step *= d;
        }
        return st;
    }
}
