package org.sham4j.model.runtime;

/**
 * The runtime's dense matrix product C = A B over row-major float arrays, the one kernel that dense layers,
 * convolutions (im2col) and their relatives run when their weights are stored dense. Two implementations give
 * the same bits: {@link VectorGemm} (the Vector API, register-blocked) when the JVM has the incubating module
 * {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}) and {@link ScalarGemm} otherwise,
 * or when the system property {@code sham4j.vector} is {@code false}. Every entry of C is the fused
 * multiply-add chain c = fma(a[i][k], b[k][j], c) over k = 0, 1, ... from c = 0, whatever the blocking or the
 * thread that computes it, so products are bit-exact between the two and on any thread count.
 */
abstract class Gemm {
    /** Columns of B and C are read and written in whole multiples of this (rows of B and C are that long). */
    static final int PAD = 16;

    private static final Gemm INSTANCE = choose();

    /** The implementation this JVM runs. */
    static Gemm get() {
        return INSTANCE;
    }

    /** The scalar implementation, available on every JVM. */
    static Gemm scalar() {
        return ScalarGemm.INSTANCE;
    }

    /** {@code n} rounded up to a multiple of {@link #PAD}: the row length B and C need for n columns. */
    static int padded(int n) {
        return Math.addExact(n, PAD - 1) / PAD * PAD;
    }

    private static Gemm choose() {
        if (!Boolean.parseBoolean(System.getProperty("sham4j.vector", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarGemm.INSTANCE;
        }
        try {
            // Loaded by name: without the module, no class of the runtime links against the Vector API.
            Gemm g = (Gemm) Class.forName("org.sham4j.model.runtime.VectorGemm").getDeclaredConstructor().newInstance();
            return g.usable() ? g : ScalarGemm.INSTANCE;
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarGemm.INSTANCE;
        }
    }

    /** Whether this implementation runs well on this machine. */
    boolean usable() {
        return true;
    }

    /** One line naming the implementation, for logs and benchmark reports. */
    abstract String description();

    /** The row offsets {0, ld, 2 ld, ...} of a row-major matrix of {@code rows} rows of length {@code ld}. */
    static int[] rowOffsets(int rows, int ld) {
        int[] off = new int[rows];
        for (int k = 0; k < rows; k++) {
            off[k] = Math.multiplyExact(k, ld);
        }
        return off;
    }

    /**
     * C[i][j] = sum over k &lt; depth of A[i][k] B[k][j] for i &lt; m, j &lt; n, where A[i][k] =
     * {@code a[ao + i*lda + k]}, B[k][j] = {@code b[bo + rows[k] + j]} (row k of B starts anywhere: a
     * convolution's rows are shifted views of its input) and C[i][j] = {@code c[co + i*ldc + j]}. Columns up
     * to n rounded up to {@link #PAD} are read from B and written to C (their values there are the products of
     * whatever B holds), so the arrays and ldc must leave room for them.
     */
    abstract void multiply(int m, int n, int depth, float[] a, int ao, int lda, float[] b, int bo, int[] rows,
                           float[] c, int co, int ldc);

    /**
     * The same product with a sparse A held by rows: row i has the entries {@code values[p]} in columns
     * {@code index[p]} for p in [{@code start[i]}, {@code start[i + 1]}), summed in that order (a CSC matrix's
     * columns are the rows of its transpose).
     */
    final void multiplySparse(int m, int n, int[] start, int[] index, float[] values, float[] b, int bo,
                              int[] rows, float[] c, int co, int ldc) {
        multiplySparse(m, n, start, index, values, b, bo, rows, c, co, ldc, true);
    }

    /**
     * The sparse product with each term added as {@code fused} says: c = fma(a, b, c), or c = c + a*b with the
     * product rounded first, as the stored formats' own products sum (so that a product on their decoded
     * columns gives those products' bits).
     */
    abstract void multiplySparse(int m, int n, int[] start, int[] index, float[] values, float[] b, int bo,
                                 int[] rows, float[] c, int co, int ldc, boolean fused);
}
