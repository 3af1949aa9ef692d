package org.sham4j.model.runtime;

import java.util.Optional;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.format.csc.CscFormat;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A layer's weight matrix W (rows x cols) as the runtime multiplies it: weights stored dense run the runtime's
 * GEMM ({@link GemmProduct}), weights stored in CSC its sparse product on the stored columns
 * ({@link CscProduct}); weights in any other format are decoded into one of those two
 * ({@link WeightProducts#DECODED}) or, on their stored bytes ({@link WeightProducts#STORED}), run the sparse
 * kernel on columns decoded a slice at a time ({@link SlicedProduct}: column-ordered formats) or their format's
 * own product ({@link FormatProduct}: row-ordered ones, CSR and CSER).
 */
abstract class WeightProduct {
    /**
     * Decoded weights with at most this share of non-zeros run the sparse kernel, else the dense GEMM. Measured
     * (a 1024 x 1024 layer, batch 256, one thread, CPU time): the sparse kernel takes 2.9 / 4.4 / 6.1 / 7.6 ms at
     * 10 / 20 / 30 / 50 % non-zeros, the GEMM 6.4-7.1 ms at any.
     */
    static final double MAX_SPARSE_DENSITY = 0.4;

    /** W's rows (the length of an input vector) and columns (of an output vector). */
    final int rows;
    final int cols;

    WeightProduct(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * The product for {@code w}, run as {@code products} says; a matrix whose decoding (its dense form, made on
     * the way) would take more than a quarter of the heap left keeps its format's product.
     */
    static WeightProduct of(CompressedMatrix w, WeightProducts products) {
        Runtime rt = Runtime.getRuntime();
        return of(w, products, (rt.maxMemory() - rt.totalMemory() + rt.freeMemory()) / 4);
    }

    /** The product for {@code w}: decoding only when its dense form takes at most {@code decodeBytes} bytes. */
    static WeightProduct of(CompressedMatrix w, WeightProducts products, long decodeBytes) {
        if (w.format() == DenseFormat.INSTANCE) {
            return new GemmProduct(w);
        }
        Optional<SparseMatrix> columns = CscFormat.columns(w);
        if (columns.isPresent()) {
            return new CscProduct(columns.get());
        }
        if (products == WeightProducts.STORED || 4L * w.rows() * w.cols() > decodeBytes) {
            return w instanceof ColumnBlockedMatrix c ? new SlicedProduct(c) : new FormatProduct(w);
        }
        double density = (double) w.nonZeros() / ((double) w.rows() * w.cols());
        return density > MAX_SPARSE_DENSITY ? new GemmProduct(w)
                : new CscProduct(SparseMatrix.fromDense(w.toDense()));
    }

    final int rows() {
        return rows;
    }

    final int cols() {
        return cols;
    }

    /** Y = X W for {@code count} row-major vectors, on the calling thread. */
    abstract void multiply(float[] x, int count, float[] y);

    /** Y = X W for {@code count} row-major vectors, on the executor's threads. */
    abstract void multiply(float[] x, int count, float[] y, ProductExecutor executor);
}
