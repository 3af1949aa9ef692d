package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.format.csc.CscFormat;
import org.sham4j.core.format.dense.DenseFormat;

/**
 * A layer's weight matrix W (rows x cols) as the runtime multiplies it: weights stored dense run the runtime's
 * GEMM ({@link GemmProduct}), weights stored in CSC its sparse product on the stored columns
 * ({@link CscProduct}), every other format its own product ({@link FormatProduct}).
 */
abstract class WeightProduct {
    /** The product for {@code w}. */
    static WeightProduct of(CompressedMatrix w) {
        if (w.format() == DenseFormat.INSTANCE) {
            return new GemmProduct(w);
        }
        return CscFormat.columns(w).<WeightProduct>map(CscProduct::new).orElseGet(() -> new FormatProduct(w));
    }

    abstract int rows();

    abstract int cols();

    /** Y = X W for {@code count} row-major vectors, on the calling thread. */
    abstract void multiply(float[] x, int count, float[] y);

    /** Y = X W for {@code count} row-major vectors, on the executor's threads. */
    abstract void multiply(float[] x, int count, float[] y, ProductExecutor executor);
}
