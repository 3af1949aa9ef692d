package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;

/**
 * A product over many rows, cut into tiles of {@link #TILE} rows that threads take whole: each tile's rows are
 * written into a small buffer, multiplied on the calling thread and read out. Small tiles keep a product's
 * working set in cache (the formats' kernels slow down on large batches), and since every row is computed
 * by one single-threaded product, the result is the same for any thread count and any format.
 */
final class TiledProduct {
    /** Rows per tile. */
    static final int TILE = 256;

    private TiledProduct() {
    }

    /** Writes rows [from, from + count) of the product's input into {@code x}, row-major from 0. */
    @FunctionalInterface
    interface Fill {
        void rows(int from, int count, float[] x);
    }

    /** Takes rows [from, from + count) of the product's output from {@code y}, row-major from 0. */
    @FunctionalInterface
    interface Drain {
        void rows(int from, int count, float[] y);
    }

    /** Runs the product of {@code total} rows through {@code w}. */
    static void run(WeightProduct w, int total, Fill fill, Drain drain, ProductExecutor executor) {
        int tiles = (total + TILE - 1) / TILE;
        Parallel.forRange(executor, tiles, (t0, t1) -> {
            float[] x = new float[TILE * w.rows()];
            float[] y = new float[TILE * w.cols()];
            for (int t = t0; t < t1; t++) {
                int from = t * TILE;
                int count = Math.min(TILE, total - from);
                fill.rows(from, count, x);
                w.multiply(x, count, y);
                drain.rows(from, count, y);
            }
        });
    }
}
