package org.sham4j.data.synth;

import java.util.List;
import org.sham4j.core.matrix.MatrixChecks;

/**
 * Everything a synthetic matrix is made from except the seed: its shape, its exact number of non-zeros, the
 * alphabet of its distinct non-zero values (every one of which appears), and how each column is drawn: by its own
 * {@link ColumnLaw}, or as part of a {@link OneHotGroup}.
 *
 * @param name        a short name, e.g. {@code covtype}
 * @param rows        number of rows
 * @param cols        number of columns
 * @param nnz         exact number of non-zeros
 * @param alphabet    the distinct non-zero values, ascending
 * @param laws        per column its law, or null for a column of a one-hot group
 * @param groups      the one-hot groups, covering exactly the columns without a law
 * @param description how the recipe models its values, for the file's header and the README
 */
public record MatrixRecipe(String name, int rows, int cols, long nnz, float[] alphabet, ColumnLaw[] laws,
                           List<OneHotGroup> groups, String description) {
    public MatrixRecipe {
        MatrixChecks.checkShape(rows, cols);
        if (laws.length != cols) {
            throw new IllegalArgumentException(laws.length + " column laws for " + cols + " columns");
        }
        if (nnz < 0 || nnz > (long) rows * cols) {
            throw new IllegalArgumentException(nnz + " non-zeros do not fit " + rows + " x " + cols);
        }
        if (alphabet.length > nnz || alphabet.length == 0 && nnz > 0) {
            throw new IllegalArgumentException(alphabet.length + " distinct values cannot all appear among " + nnz
                    + " non-zeros");
        }
        for (int k = 0; k < alphabet.length; k++) {
            if (alphabet[k] == 0f || !Float.isFinite(alphabet[k]) || k > 0 && !(alphabet[k] > alphabet[k - 1])) {
                throw new IllegalArgumentException("the alphabet must ascend, without zero or non-finite values");
            }
        }
        boolean[] grouped = new boolean[cols];
        for (OneHotGroup g : groups) {
            if (g.first() + g.width() > cols || g.valueIndex() < 0 || g.valueIndex() >= alphabet.length) {
                throw new IllegalArgumentException("a one-hot group lies outside the matrix or its alphabet");
            }
            for (int j = g.first(); j < g.first() + g.width(); j++) {
                if (grouped[j] || laws[j] != null) {
                    throw new IllegalArgumentException("column " + j + " is in two groups or has a law too");
                }
                grouped[j] = true;
            }
        }
        for (int j = 0; j < cols; j++) {
            if (!grouped[j] && laws[j] == null) {
                throw new IllegalArgumentException("column " + j + " has neither a law nor a group");
            }
            if (laws[j] != null && laws[j].support()[laws[j].support().length - 1] >= alphabet.length) {
                throw new IllegalArgumentException("column " + j + " draws values outside the alphabet");
            }
        }
    }

    /** The share of entries that are non-zero. */
    public double density() {
        long entries = (long) rows * cols;
        return entries == 0 ? 0 : (double) nnz / entries;
    }

    /** Number of distinct non-zero values. */
    public int distinct() {
        return alphabet.length;
    }
}
