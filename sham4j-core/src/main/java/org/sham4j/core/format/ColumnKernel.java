package org.sham4j.core.format;

/**
 * The product of columns held as row indices and values, shared by the formats that decode to (or store)
 * them: y[b*cols + j] = sum over the column's entries p of vals[p] * xt[rows[p]*batch + b].
 */
public final class ColumnKernel {
    /**
     * Fewest entries a column, on average over a call's columns, for one vector to step columns two at a time:
     * shorter columns cost their loops' set-up more than their sums' latency (measured: no gain at 5-15 a column).
     */
    private static final int PAIRED = 16;

    private ColumnKernel() {
    }

    /**
     * Multiplies columns {@code firstCol .. firstCol + count - 1}; column firstCol + k has the entries
     * {@code ptr[ptrFrom + k] - base .. ptr[ptrFrom + k + 1] - base - 1} of {@code rows} and {@code vals}.
     */
    public static void multiply(int[] ptr, int ptrFrom, int count, int base, int[] rows, float[] vals,
                                float[] xt, int batch, float[] y, int cols, int firstCol) {
        if (batch == 1) {
            if (ptr[ptrFrom + count] - ptr[ptrFrom] >= (long) PAIRED * count) {
                paired(ptr, ptrFrom, count, base, rows, vals, xt, y, firstCol);
            } else {
                single(ptr, ptrFrom, count, base, rows, vals, xt, y, firstCol);
            }
            return;
        }
        int p0 = ptr[ptrFrom] - base;
        for (int k = 0; k < count; k++) {
            int p1 = ptr[ptrFrom + k + 1] - base;
            column(rows, vals, p0, p1, xt, batch, y, cols, firstCol + k);
            p0 = p1;
        }
    }

    /** One vector, one column at a time, four terms a step. */
    private static void single(int[] ptr, int ptrFrom, int count, int base, int[] rows, float[] vals, float[] xt,
                               float[] y, int firstCol) {
        int p0 = ptr[ptrFrom] - base;
        for (int k = 0; k < count; k++) {
            int p1 = ptr[ptrFrom + k + 1] - base;
            float s = 0f;
            int p = p0;
            for (; p + 4 <= p1; p += 4) {
                s += xt[rows[p]] * vals[p];
                s += xt[rows[p + 1]] * vals[p + 1];
                s += xt[rows[p + 2]] * vals[p + 2];
                s += xt[rows[p + 3]] * vals[p + 3];
            }
            // The last 0-3 terms written out: a loop would be split by the JIT into loops whose exits mispredict
            // where columns are short (orsreg_1, 6 a column: 17.1 us with a loop, 10.9 with this).
            switch (p1 - p) {
                case 3:
                    s += xt[rows[p]] * vals[p];
                    p++;
                case 2:
                    s += xt[rows[p]] * vals[p];
                    p++;
                case 1:
                    s += xt[rows[p]] * vals[p];
                default:
            }
            y[firstCol + k] = s;
            p0 = p1;
        }
    }

    /**
     * One vector, two columns at a time: each column's sum still adds its terms in entry order (the bits of one
     * column at a time), but the two sums are independent chains, so that one's additions overlap the other's
     * latency; the longer column's rest then runs alone.
     */
    private static void paired(int[] ptr, int ptrFrom, int count, int base, int[] rows, float[] vals, float[] xt,
                               float[] y, int firstCol) {
        int k = 0;
        for (; k + 2 <= count; k += 2) {
            int a = ptr[ptrFrom + k] - base;
            int b = ptr[ptrFrom + k + 1] - base;
            int bEnd = ptr[ptrFrom + k + 2] - base;
            int n = Math.min(b - a, bEnd - b);
            float s = 0f;
            float t = 0f;
            for (int i = 0; i < n; i++) {
                s += xt[rows[a + i]] * vals[a + i];
                t += xt[rows[b + i]] * vals[b + i];
            }
            // The longer column's rest, continuing its sum.
            boolean first = b - a > n;
            float u = first ? s : t;
            for (int p = first ? a + n : b + n, end = first ? b : bEnd; p < end; p++) {
                u += xt[rows[p]] * vals[p];
            }
            y[firstCol + k] = first ? u : s;
            y[firstCol + k + 1] = first ? t : u;
        }
        if (k < count) {
            // The odd column as a loop of its own: calling single() here slowed the pairs 1.5x (VGG19 p30 745 ->
            // 1,210 us, median of three JVMs), its code inlined into theirs.
            float s = 0f;
            for (int p = ptr[ptrFrom + k] - base, end = ptr[ptrFrom + k + 1] - base; p < end; p++) {
                s += xt[rows[p]] * vals[p];
            }
            y[firstCol + k] = s;
        }
    }

    /** One column of a batch, eight then four vectors at a time in registers. */
    private static void column(int[] rows, float[] vals, int p0, int p1, float[] xt, int batch, float[] y,
                               int cols, int j) {
        int b = 0;
        for (; b + 8 <= batch; b += 8) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            for (int p = p0; p < p1; p++) {
                float v = vals[p];
                int at = rows[p] * batch + b;
                s0 += v * xt[at];
                s1 += v * xt[at + 1];
                s2 += v * xt[at + 2];
                s3 += v * xt[at + 3];
                s4 += v * xt[at + 4];
                s5 += v * xt[at + 5];
                s6 += v * xt[at + 6];
                s7 += v * xt[at + 7];
            }
            y[b * cols + j] = s0;
            y[(b + 1) * cols + j] = s1;
            y[(b + 2) * cols + j] = s2;
            y[(b + 3) * cols + j] = s3;
            y[(b + 4) * cols + j] = s4;
            y[(b + 5) * cols + j] = s5;
            y[(b + 6) * cols + j] = s6;
            y[(b + 7) * cols + j] = s7;
        }
        for (; b + 4 <= batch; b += 4) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int p = p0; p < p1; p++) {
                float v = vals[p];
                int at = rows[p] * batch + b;
                s0 += v * xt[at];
                s1 += v * xt[at + 1];
                s2 += v * xt[at + 2];
                s3 += v * xt[at + 3];
            }
            y[b * cols + j] = s0;
            y[(b + 1) * cols + j] = s1;
            y[(b + 2) * cols + j] = s2;
            y[(b + 3) * cols + j] = s3;
        }
        for (; b < batch; b++) {
            float s = 0f;
            for (int p = p0; p < p1; p++) {
                s += vals[p] * xt[rows[p] * batch + b];
            }
            y[b * cols + j] = s;
        }
    }
}
