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
        ValueAlphabet hashed = hashed(values, count, zeros);
        return hashed != null ? hashed : sorted(values, count, zeros);
    }

    /** Most distinct values counted in a hash table; beyond, the values are sorted. */
    private static final int MAX_HASHED = 1 << 20;

    /**
     * Counts the values in an open-addressing hash table of the distinct ones: one pass, no copy of the values
     * (which for a matrix of hundreds of millions of non-zeros is what matters); null past {@link #MAX_HASHED}.
     */
    private static ValueAlphabet hashed(float[] values, int count, long zeros) {
        int cap = 64;
        int[] keys = new int[cap];
        long[] tally = new long[cap];
        boolean[] used = new boolean[cap];
        int size = 0;
        for (int p = 0; p < count + (zeros > 0 ? 1 : 0); p++) {
            int b = p < count ? Float.floatToRawIntBits(values[p]) : 0;
            int h = slot(b, cap);
            while (used[h] && keys[h] != b) {
                h = (h + 1) & (cap - 1);
            }
            if (!used[h]) {
                if (2 * (size + 1) > cap) {
                    if (2 * cap > 4 * MAX_HASHED) {
                        return null;
                    }
                    int[] oldKeys = keys;
                    long[] oldTally = tally;
                    boolean[] oldUsed = used;
                    cap *= 2;
                    keys = new int[cap];
                    tally = new long[cap];
                    used = new boolean[cap];
                    for (int q = 0; q < oldKeys.length; q++) {
                        if (oldUsed[q]) {
                            int r = slot(oldKeys[q], cap);
                            while (used[r]) {
                                r = (r + 1) & (cap - 1);
                            }
                            used[r] = true;
                            keys[r] = oldKeys[q];
                            tally[r] = oldTally[q];
                        }
                    }
                    h = slot(b, cap);
                    while (used[h]) {
                        h = (h + 1) & (cap - 1);
                    }
                }
                used[h] = true;
                keys[h] = b;
                size++;
            }
            tally[h] += p < count ? 1 : zeros;
        }
        long[] order = new long[size];
        int k = 0;
        for (int q = 0; q < cap; q++) {
            if (used[q]) {
                order[k++] = (long) keys[q] << 32 | q;
            }
        }
        Arrays.sort(order);
        int[] distinct = new int[size];
        long[] counts = new long[size];
        for (int s = 0; s < size; s++) {
            distinct[s] = (int) (order[s] >> 32);
            counts[s] = tally[(int) order[s]];
        }
        return new ValueAlphabet(distinct, counts);
    }

    private static int slot(int bits, int cap) {
        int h = bits * 0x9e3779b9;
        return (h ^ (h >>> 16)) & (cap - 1);
    }

    private static ValueAlphabet sorted(float[] values, int count, long zeros) {
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
