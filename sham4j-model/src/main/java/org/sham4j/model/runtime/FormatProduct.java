package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;

/**
 * Weights multiplied by their storage format's own product: a batch of up to one tile as one product split
 * by the format, a larger one in tiles that threads take whole ({@link TiledProduct}).
 */
final class FormatProduct extends WeightProduct {
    private final CompressedMatrix w;

    FormatProduct(CompressedMatrix w) {
        super(w.rows(), w.cols());
        this.w = w;
    }

    @Override
    void multiply(float[] x, int count, float[] y) {
        w.multiply(x, count, y);
    }

    @Override
    void multiply(float[] x, int count, float[] y, ProductExecutor executor) {
        if (count <= TiledProduct.TILE) {
            w.multiply(x, count, y, executor);
            return;
        }
        int in = w.rows();
        int out = w.cols();
        TiledProduct.run(this, count, (from, n, tile) -> System.arraycopy(x, from * in, tile, 0, n * in),
                (from, n, tile) -> System.arraycopy(tile, 0, y, from * out, n * out), executor);
    }
}
