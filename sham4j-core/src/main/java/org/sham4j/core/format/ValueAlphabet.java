package org.sham4j.core.format;

import java.util.Arrays;

/**
 * The distinct float32 values of a set of entries with their counts, ordered by bit pattern, and the
 * symbol (position in that order) of any of them. Values are told apart by their bits.
 */
public final class ValueAlphabet {
    private final int[] bits;
    private final long[] counts;

    private ValueAlphabet(int[] bits, long[] counts) {
        this.bits = bits;
        this.counts = counts;
    }

    /**
     * The alphabet of {@code values[0..count)} plus {@code zeros} further entries equal to +0
     * (the implicit zeros of a sparse matrix; pass 0 when zero is not a symbol).
     */
    public static ValueAlphabet of(float[] values, int count, long zeros) {
        int[] sorted = new int[count + (zeros > 0 ? 1 : 0)];
        for (int p = 0; p < count; p++) {
            sorted[p] = Float.floatToRawIntBits(values[p]);
        }
        if (zeros > 0) {
            sorted[count] = 0;
        }
        Arrays.sort(sorted);
        int k = 0;
        for (int p = 0; p < sorted.length; p++) {
            if (p == 0 || sorted[p] != sorted[p - 1]) {
                sorted[k++] = sorted[p];
            }
        }
        int[] distinct = Arrays.copyOf(sorted, k);
        long[] counts = new long[k];
        for (int p = 0; p < count; p++) {
            counts[Arrays.binarySearch(distinct, Float.floatToRawIntBits(values[p]))]++;
        }
        if (zeros > 0) {
            counts[Arrays.binarySearch(distinct, 0)] += zeros;
        }
        return new ValueAlphabet(distinct, counts);
    }

    /**
     * Refuses a codebook that is not what {@link #of} gives: values strictly ascending by bit pattern, and no
     * negative zero (a matrix's zeros are +0).
     */
    public static void checkCodebook(float[] codebook, String what) throws java.io.IOException {
        for (int s = 0; s < codebook.length; s++) {
            int bits = Float.floatToRawIntBits(codebook[s]);
            PayloadInput.check(bits != 0x80000000, what + ": negative zero at " + s);
            PayloadInput.check(s == 0 || bits > Float.floatToRawIntBits(codebook[s - 1]),
                    what + ": values not ascending by bit pattern at " + s);
        }
    }

    /** Number of distinct values. */
    public int size() {
        return bits.length;
    }

    /** Symbol of {@code v}, which must belong to the alphabet. */
    public int symbolOf(float v) {
        return Arrays.binarySearch(bits, Float.floatToRawIntBits(v));
    }

    public float value(int symbol) {
        return Float.intBitsToFloat(bits[symbol]);
    }

    public long count(int symbol) {
        return counts[symbol];
    }

    /** Counts of all symbols (not a copy). */
    public long[] counts() {
        return counts;
    }

    /** The symbol with the highest count (the smallest such symbol on ties); -1 if empty. */
    public int mostFrequent() {
        int best = -1;
        for (int s = 0; s < counts.length; s++) {
            if (best < 0 || counts[s] > counts[best]) {
                best = s;
            }
        }
        return best;
    }

    /** Empirical entropy of the symbol distribution, in bits per symbol. */
    public double entropy() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double h = 0;
        for (long c : counts) {
            double p = (double) c / total;
            h -= p * Math.log(p);
        }
        return total == 0 ? 0 : h / Math.log(2);
    }
}
