package org.sham4j.data.synth;

/**
 * A group of indicator columns, as a categorical attribute one-hot encoded: every row has exactly one of the
 * columns {@code first .. first + shares.length - 1} set, to the alphabet value {@code valueIndex}, the column
 * drawn with the given relative frequencies.
 *
 * @param first      the group's first column
 * @param shares     relative frequency of each category (column), non-negative, not all zero
 * @param valueIndex the alphabet index of the value a set indicator holds (1 in a one-hot encoding)
 */
public record OneHotGroup(int first, double[] shares, int valueIndex) {
    public OneHotGroup {
        if (first < 0 || shares.length == 0) {
            throw new IllegalArgumentException("a one-hot group needs a first column and at least one category");
        }
        AliasTable.total(shares);
    }

    /** Number of columns. */
    public int width() {
        return shares.length;
    }

    AliasTable sampler() {
        int[] categories = new int[shares.length];
        for (int k = 0; k < categories.length; k++) {
            categories[k] = k;
        }
        return new AliasTable(categories, shares);
    }
}
