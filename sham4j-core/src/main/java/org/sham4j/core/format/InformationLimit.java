package org.sham4j.core.format;

import org.sham4j.core.matrix.SparseMatrix;

/**
 * The information limit of a sparse matrix under a positions-and-values model: log2 C(n·m, nnz) bits for
 * where the non-zeros are, nnz · H0 bits for their values (H0 the empirical entropy of the non-zero values),
 * and 32 bits per distinct non-zero value for the codebook.
 */
public final class InformationLimit {
    private InformationLimit() {
    }

    /** log2 of the binomial coefficient C(n, k), summed term by term in double. */
    public static double log2Binomial(long n, long k) {
        k = Math.min(k, n - k);
        double s = 0;
        for (long t = 0; t < k; t++) {
            s += Math.log((double) (n - t) / (k - t));
        }
        return s / Math.log(2);
    }

    /** The limit in bits for {@code m}. */
    public static double bits(SparseMatrix m) {
        ValueAlphabet a = ValueAlphabet.of(m.values(), m.nnz(), 0);
        return log2Binomial(m.entries(), m.nnz()) + m.nnz() * a.entropy() + 32.0 * a.size();
    }
}
