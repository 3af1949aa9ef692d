package org.sham4j.model.compress;

import org.sham4j.core.matrix.SparseMatrix;

/**
 * An estimate of a format's product time per vector of a batch of 8, single-threaded, from the matrix's
 * entries and non-zeros: nanoseconds per entry and per non-zero fitted to {@code sham bench} on the project's
 * 2-core AMD EPYC build machine (VGG19 fc1 p96, DeepDTA fc1 p60, orsreg_1; JDK 17 with the Vector API, as
 * {@code ./sham} runs it; refitted on 1 December 2026 after the IM and HAM kernels changed, HAM again after its
 * batch decoder did: within 30 % of its measured time on all 20 shared matrices). Only the ratios
 * between formats matter to a choice, and those carry over between machines better than the times.
 */
final class ProductCost {
    private ProductCost() {
    }

    /** Estimated nanoseconds of a product per vector of a batch of 8 with {@code m} in format {@code format}. */
    static double nanosPerVector(String format, SparseMatrix m) {
        double entries = (double) m.rows() * m.cols();
        double nnz = m.nnz();
        switch (format) {
            case "dense":
                return 0.09 * entries;
            case "csc":
                return 0.30 * nnz;
            case "csr":
                return 0.80 * nnz;
            case "coo":
                return 0.95 * nnz;
            case "cser":
                return 0.70 * nnz;
            case "sham":
                return 0.52 * nnz;
            case "gsham":
                return 1.15 * nnz;
            case "ham":
                return 0.006 * entries + 1.03 * nnz;
            case "im":
                return 0.15 * entries;
            default:
                throw new IllegalArgumentException("no cost model for format " + format);
        }
    }
}
