package org.sham4j.core.format;

/**
 * The sHAM paper's upper bounds on the size of HAM and sHAM, in bits, with b = 32-bit words:
 * HAM n·m(1 + log2 k) + 6kb, sHAM s·n·m(1 + log2 k) + b(6k + s·n·m + m + 1), s the density.
 */
public final class PaperBounds {
    /** Bits of a word, integer or float, in the paper's bounds. */
    public static final int WORD_BITS = 32;

    private PaperBounds() {
    }

    private static double log2(long k) {
        return k <= 1 ? 0 : Math.log(k) / Math.log(2);
    }

    /** HAM bound for an n x m matrix with k distinct values (zero included). */
    public static double ham(long n, long m, long k) {
        return n * m * (1 + log2(k)) + 6.0 * k * WORD_BITS;
    }

    /** sHAM bound for an n x m matrix with nnz non-zeros and k distinct non-zero values. */
    public static double sham(long n, long m, long nnz, long k) {
        return nnz * (1 + log2(k)) + WORD_BITS * (6.0 * k + nnz + m + 1);
    }
}
