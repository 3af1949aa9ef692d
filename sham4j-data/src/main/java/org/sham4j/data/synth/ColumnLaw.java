package org.sham4j.data.synth;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * How one column's non-zeros are drawn: the values it can take (indices into the recipe's alphabet, ascending),
 * their relative frequencies, and the column's share of the matrix's non-zeros (relative to the other columns';
 * a column never holds more non-zeros than rows).
 *
 * @param support the alphabet indices the column draws from, strictly ascending
 * @param weights their relative frequencies, finite and non-negative, not all zero
 * @param share   the column's relative share of the non-zeros, positive
 */
public record ColumnLaw(int[] support, double[] weights, double share) {
    public ColumnLaw {
        if (support.length == 0 || support.length != weights.length) {
            throw new IllegalArgumentException("a column law needs as many weights as values, at least one");
        }
        for (int k = 1; k < support.length; k++) {
            if (support[k] <= support[k - 1]) {
                throw new IllegalArgumentException("the support of a column law must ascend");
            }
        }
        if (!(share > 0) || Double.isInfinite(share)) {
            throw new IllegalArgumentException("share " + share + " is not positive");
        }
        AliasTable.total(weights);
    }

    /** The law over alphabet indices {@code from..to} (inclusive) with weights {@code density(index)}. */
    static ColumnLaw over(int from, int to, IntToDoubleFunction density, double share) {
        int[] support = new int[to - from + 1];
        double[] weights = new double[support.length];
        for (int k = 0; k < support.length; k++) {
            support[k] = from + k;
            weights[k] = density.applyAsDouble(from + k);
        }
        return new ColumnLaw(support, weights, share);
    }

    /** The weight of alphabet index {@code index} relative to the whole law (0 outside the support). */
    double probability(int index) {
        int k = Arrays.binarySearch(support, index);
        return k < 0 ? 0 : weights[k] / Arrays.stream(weights).sum();
    }

    AliasTable sampler() {
        return new AliasTable(support, weights);
    }
}
