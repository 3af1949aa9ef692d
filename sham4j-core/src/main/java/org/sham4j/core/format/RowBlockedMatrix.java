package org.sham4j.core.format;

/**
 * Base of row-major formats (CSR, CSER): a product scatters each row into the outputs. Threads take
 * blocks of rows into private accumulators that are then summed.
 */
public abstract class RowBlockedMatrix extends BlockedMatrix {
    protected RowBlockedMatrix(int rows, int cols) {
        super(rows, cols);
    }

    /**
     * Adds sum over rows i in [from, to) of xt[i*batch + b] * W[i][j] to acc[j*batch + b] (an interleaved
     * output, so that one stored entry updates the whole batch contiguously).
     */
    protected abstract void accumulateRows(float[] xt, int batch, float[] acc, int from, int to);

    @Override
    public final void multiply(float[] x, int batch, float[] y) {
        checkProduct(x, batch, y);
        float[] acc = new float[batch * cols];
        accumulateRows(BatchLayout.interleave(x, batch, rows), batch, acc, 0, rows);
        deinterleave(acc, batch, y);
    }

    @Override
    public final void multiply(float[] x, int batch, float[] y, ProductExecutor executor) {
        checkProduct(x, batch, y);
        int parts = Math.max(1, Math.min(executor.threads(), rows));
        float[] xt = BatchLayout.interleave(x, batch, rows);
        float[][] acc = new float[parts][];
        executor.run(parts, p -> {
            acc[p] = new float[batch * cols];
            accumulateRows(xt, batch, acc[p], (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts));
        });
        float[] sum = acc[0];
        for (int p = 1; p < parts; p++) {
            float[] a = acc[p];
            for (int k = 0; k < sum.length; k++) {
                sum[k] += a[k];
            }
        }
        deinterleave(sum, batch, y);
    }

    private void deinterleave(float[] acc, int batch, float[] y) {
        if (batch == 1) {
            System.arraycopy(acc, 0, y, 0, cols);
            return;
        }
        for (int j = 0; j < cols; j++) {
            for (int b = 0; b < batch; b++) {
                y[b * cols + j] = acc[j * batch + b];
            }
        }
    }
}
