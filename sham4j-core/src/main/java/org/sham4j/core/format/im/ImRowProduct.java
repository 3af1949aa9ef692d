package org.sham4j.core.format.im;

/**
 * The product of an index map held row by row with a batch: y[b * cols + j] = sum over rows i, in order, of
 * x_b[i] times codebook[index(i, j)], each product rounded to float and then added, so that every vector gets the
 * bits of a column's sum taken down its rows, alone or in any batch (for finite inputs: zero entries may be
 * skipped). Each row's indices are decoded once for the whole batch. Two implementations give the same bits:
 * {@link VectorImRowProduct} (the Vector API: indices unpacked 8 or 16 at a time, codebook values permuted out of
 * registers on JDK 25 or later, gathered before) when the JVM has the incubating module
 * {@code jdk.incubator.vector}, and {@link ScalarImRowProduct} otherwise, or when the system property
 * {@code sham4j.vector} is {@code false}.
 */
abstract class ImRowProduct {
    /** The largest share of non-zero entries at which the kernels look for zero entries to skip. */
    static final double SPARSE = 0.25;

    /** Spare bytes after the last index, so that a kernel may read a whole vector of bytes at any index. */
    static final int SPARE_BYTES = 64;

    private static final ImRowProduct INSTANCE = choose();

    /** The implementation this JVM runs. */
    static ImRowProduct get() {
        return INSTANCE;
    }

    /** The scalar implementation, available on every JVM. */
    static ImRowProduct scalar() {
        return ScalarImRowProduct.INSTANCE;
    }

    private static ImRowProduct choose() {
        if (!Boolean.parseBoolean(System.getProperty("sham4j.vector", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarImRowProduct.INSTANCE;
        }
        ImRowProduct vector = vector();
        return vector != null && vector.usable() ? vector : ScalarImRowProduct.INSTANCE;
    }

    /**
     * The Vector API implementation whatever the system property says, permuting codebook values on JDK 25 or later
     * and gathering them before (where a permutation is not one instruction), or null without the module.
     */
    static ImRowProduct vector() {
        return vector(Runtime.version().feature() >= 25);
    }

    /** The Vector API implementation, permuting codebook values or gathering them (for tests), or null. */
    static ImRowProduct vector(boolean permute) {
        try {
            // Loaded by name: without the module, no class of the format links against the Vector API.
            return (ImRowProduct) Class.forName("org.sham4j.core.format.im.VectorImRowProduct")
                    .getDeclaredConstructor(boolean.class).newInstance(permute);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Whether this implementation runs well on this machine. */
    boolean usable() {
        return true;
    }

    /**
     * Writes y[b * cols + j] for b &lt; batch and columns c0 &lt;= j &lt; c1 of a rows x cols index map whose entry
     * (i, j) is the {@code width}-bit index (1 &lt;= width &lt;= 31) at bit (i * cols + j) * width of {@code bits}
     * (MSB-first, {@link #SPARE_BYTES} spare bytes at the end), where x_b[i] = {@code xt[i * batch + b]}. Of a
     * sparse map ({@code density}, the share of non-zero entries, at most {@link #SPARSE}) the kernels skip zero
     * entries where that pays, which changes no sum of finite inputs.
     */
    abstract void multiply(byte[] bits, int width, int rows, int cols, float[] codebook, float[] xt, int batch,
                           float[] y, int c0, int c1, double density);

    /** The index of the codebook's zero, or -1. */
    static int zeroIndex(float[] codebook) {
        for (int k = 0; k < codebook.length; k++) {
            if (codebook[k] == 0f) {
                return k;
            }
        }
        return -1;
    }

    /** Columns summed in one pass over the rows: all of them, or as many as keep a batch's sums within 64 KiB. */
    static int tile(int columns, int batch) {
        return Math.max(1, Math.min(columns, Math.max(64, (1 << 14) / batch)));
    }

    /** Writes the sums of columns j0 .. j0 + n - 1 (sums of vector b from acc[b * stride]) into y. */
    static void store(float[] acc, int stride, int batch, float[] y, int cols, int j0, int n) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(acc, b * stride, y, b * cols + j0, n);
        }
    }
}
