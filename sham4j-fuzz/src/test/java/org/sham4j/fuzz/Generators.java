package org.sham4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** Small matrices drawn from fuzzer data: a shape, a codebook that may hold awkward floats, and where each goes. */
final class Generators {
    private static final float[] AWKWARD = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.MIN_NORMAL, 1e-30f, 3.4e38f, 0.5f, 1e7f};

    private Generators() {
    }

    static SparseMatrix matrix(FuzzedDataProvider data) {
        int rows = data.consumeInt(0, 40);
        int cols = data.consumeInt(0, 40);
        int k = data.consumeInt(1, 8);
        float[] values = new float[k];
        for (int v = 0; v < k; v++) {
            values[v] = data.consumeBoolean() ? AWKWARD[data.consumeInt(0, AWKWARD.length - 1)]
                    : data.consumeFloat();
            if (!Float.isFinite(values[v])) {
                values[v] = 1f;
            }
        }
        int zeroShare = data.consumeInt(0, 10);
        float[] w = new float[rows * cols];
        for (int e = 0; e < w.length && data.remainingBytes() > 0; e++) {
            w[e] = data.consumeInt(0, 9) < zeroShare ? 0f : values[data.consumeInt(0, k - 1)];
        }
        return SparseMatrix.fromDense(new DenseMatrix(rows, cols, w));
    }
}
