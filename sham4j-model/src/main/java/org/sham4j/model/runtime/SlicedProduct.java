package org.sham4j.model.runtime;

import java.lang.ref.WeakReference;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.ProductExecutor;

/**
 * Weights in a column-ordered compressed format ({@link ColumnBlockedMatrix}: HAM, sHAM, gsham, IM, COO),
 * multiplied on their stored bytes by the runtime's sparse kernel: the matrix is decoded a slice of whole
 * columns at a time ({@link ColumnSlices}, at most {@link #SLICE} columns and non-zeros) into arrays that the
 * kernel ({@link Gemm#multiplySparse}) runs on at once for a block of up to {@link #ROWS} rows of X (or several
 * samples of a convolution), so that the decoding is paid once per block. The scratch of a thread is one slice:
 * CSC arrays of at most SLICE columns and max(SLICE, rows) non-zeros, at most 4 * SLICE + 8 * max(SLICE, rows)
 * bytes, 192 KiB for W of up to 16,384 rows, whatever W's number of non-zeros (besides the transposed blocks of X
 * and Y that {@link CscProduct} also uses). A thread keeps its last slice, so a matrix that fits in one is decoded
 * once per thread for a run of products by it. Every entry is summed as the formats' own products sum it
 * (s = s + w x over the column's non-zeros in row order, each product rounded), so a batch of fewer than
 * {@link #MIN_BATCH} rows, which runs the format's own product, any split over threads and any batch give the
 * same bits.
 */
final class SlicedProduct extends TransposedProduct {
    /**
     * Columns and non-zeros of a decoded slice at most: the arrays stay in the L2 cache, and the layers of LeNet-5
     * but its largest fit in one (measured, LeNet-5 of examples/ batch 256: 4,096 decoded per pass 16.1 ms, 8,192
     * 15.2, 16,384 15.1, the decoded CSC 14.3-14.9).
     */
    static final int SLICE = 16384;
    /**
     * Smallest batch that runs on decoded slices; smaller ones run the format's own product (measured on 512 x 512
     * at 10 % and 30 % non-zeros: sliced gsham, sHAM and HAM overtake their own products at 4 to 8 vectors).
     */
    static final int MIN_BATCH = 8;
    /** Rows of X transposed and multiplied per decoding of the matrix. */
    private static final int ROWS = 256;
    /** Columns of B (convolution output positions) a decoding of the matrix serves at least. */
    private static final int COLUMNS_PER_PASS = 1024;
    /** Rows of X a thread takes at least: each range decodes the matrix once per {@link #ROWS} of its rows. */
    private static final int STEP = 64;

    /** Each thread's scratch. */
    private static final ThreadLocal<Slices> SCRATCH = ThreadLocal.withInitial(() -> new Slices(SLICE));

    private final ColumnBlockedMatrix w;
    /** Columns and non-zeros of a slice at most ({@link #SLICE}; smaller in tests, to cross slice edges). */
    private final int slice;
    /** Whether W's columns and non-zeros fit in one slice. */
    private final boolean oneSlice;

    SlicedProduct(ColumnBlockedMatrix w) {
        this(w, SLICE);
    }

    SlicedProduct(ColumnBlockedMatrix w, int slice) {
        super(w.rows(), w.cols());
        this.w = w;
        this.slice = slice;
        this.oneSlice = cols <= slice && w.nonZeros() <= slice;
    }

    /** This thread's scratch, made anew when the last product it ran had slices of another size. */
    private Slices scratch() {
        Slices s = SCRATCH.get();
        if (s.capacity != slice) {
            s = new Slices(slice);
            SCRATCH.set(s);
        }
        return s;
    }

    @Override
    void multiply(float[] x, int count, float[] y) {
        if (count < MIN_BATCH) {
            w.multiply(x, count, y);
        } else {
            multiplyRange(x, 0, count, y);
        }
    }

    @Override
    void multiply(float[] x, int count, float[] y, ProductExecutor executor) {
        if (count < MIN_BATCH) {
            w.multiply(x, count, y, executor);
            return;
        }
        int steps = (count + STEP - 1) / STEP;
        Parallel.forRange(executor, steps, (s0, s1) -> multiplyRange(x, s0 * STEP, Math.min(s1 * STEP, count), y));
    }

    /** Rows [from, to) of Y = X W. */
    private void multiplyRange(float[] x, int from, int to, float[] y) {
        int ld = Gemm.padded(Math.min(ROWS, to - from));
        float[][] xt = {new float[rows * ld]};
        float[][] ct = {new float[cols * ld]};
        int[] co = {0};
        int[] rowsOfB = Gemm.rowOffsets(rows, ld);
        Slices slices = scratch();
        for (int r0 = from; r0 < to; r0 += ROWS) {
            int n = Math.min(ROWS, to - r0);
            Transposes.copy(x, r0 * rows, rows, n, rows, xt[0], 0, ld);
            slices.multiply(this, xt, 0, rowsOfB, n, 1, ct, co, ld);
            Transposes.copy(ct[0], 0, ld, cols, n, y, r0 * cols, cols);
        }
    }

    @Override
    void multiplyTransposed(float[] b, int bo, int[] rowsOfB, int n, float[] c, int co, int ldc) {
        scratch().multiply(this, new float[][] {b}, bo, rowsOfB, n, 1, new float[][] {c}, new int[] {co}, ldc);
    }

    /** Decodes W once for all the B's: each slice multiplies every B before the next is decoded. */
    @Override
    void multiplyTransposed(float[][] b, int[] rowsOfB, int n, int count, float[][] c, int[] co, int ldc) {
        scratch().multiply(this, b, 0, rowsOfB, n, count, c, co, ldc);
    }

    /**
     * One B when W fits in one slice (a thread's scratch then keeps it decoded from one product to the next), else
     * enough B's that a decoding of W serves at least {@link #COLUMNS_PER_PASS} columns of them.
     */
    @Override
    int productsPerPass(int n) {
        return oneSlice ? 1 : Math.max(1, (COLUMNS_PER_PASS + n - 1) / n);
    }

    /**
     * The scratch of one thread's products, shared by every {@link SlicedProduct} the thread runs: the decoded
     * slice's arrays. When a whole matrix fits in one slice, the slice stays until the thread decodes another, so
     * that the many products of a layer's run decode it once.
     */
    private static final class Slices {
        private final int capacity;
        private final ColumnSlices slices;
        private final Gemm gemm = Gemm.get();
        /**
         * The product whose whole matrix the arrays below hold (weakly: a thread's scratch keeps no model alive),
         * or none.
         */
        private WeakReference<SlicedProduct> whole = new WeakReference<>(null);
        private int[] start;
        private int[] index;
        private float[] values;

        Slices(int capacity) {
            this.capacity = capacity;
            this.slices = new ColumnSlices(capacity);
        }

        /** C<sub>s</sub> = W<sup>T</sup> B<sub>s</sub> for s &lt; count, B<sub>s</sub> from b[s][bo]. */
        void multiply(SlicedProduct p, float[][] b, int bo, int[] rowsOfB, int n, int count, float[][] c, int[] co,
                      int ldc) {
            if (whole.get() == p) {
                run(0, p.cols, start, index, values, b, bo, rowsOfB, n, count, c, co, ldc);
                return;
            }
            whole = new WeakReference<>(null);
            slices.decode(p.w, (first, k, st, ix, vs) -> {
                if (first == 0 && k == p.cols) {
                    whole = new WeakReference<>(p);
                    start = st;
                    index = ix;
                    values = vs;
                }
                run(first, k, st, ix, vs, b, bo, rowsOfB, n, count, c, co, ldc);
            });
        }

        /** Columns first .. first + k - 1 of every C<sub>s</sub>, summed as the formats' own products sum. */
        private void run(int first, int k, int[] st, int[] ix, float[] vs, float[][] b, int bo, int[] rowsOfB, int n,
                         int count, float[][] c, int[] co, int ldc) {
            for (int s = 0; s < count; s++) {
                gemm.multiplySparse(k, n, st, ix, vs, b[s], bo, rowsOfB, c[s], co[s] + first * ldc, ldc, false);
            }
        }
    }
}
