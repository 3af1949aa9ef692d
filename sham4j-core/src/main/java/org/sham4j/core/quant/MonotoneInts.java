package org.sham4j.core.quant;

/**
 * A non-decreasing sequence of ints in about two bits per entry: the gap from each entry to the next is
 * written in unary (that many 0 bits, then a 1). Reading an entry scans the bits, O(length / 64).
 */
final class MonotoneInts {
    private final int base;
    private final long[] bits;

    private MonotoneInts(int base, long[] bits) {
        this.base = base;
        this.bits = bits;
    }

    /** Encodes {@code a[from .. to-1]}, which is non-decreasing and starts at or above base. */
    static MonotoneInts encode(int[] a, int from, int to, int base) {
        long length = (long) (to - from) + a[to - 1] - base;
        long[] bits = new long[(int) (length / 64 + 1)];
        long pos = 0;
        int prev = base;
        for (int i = from; i < to; i++) {
            pos += a[i] - prev;
            bits[(int) (pos >>> 6)] |= 1L << pos;
            pos++;
            prev = a[i];
        }
        return new MonotoneInts(base, bits);
    }

    /** The entry at position i (0-based from {@code from}). */
    int get(int i) {
        int ones = i + 1;
        for (int w = 0; w < bits.length; w++) {
            int c = Long.bitCount(bits[w]);
            if (c >= ones) {
                long word = bits[w];
                for (int r = 1; r < ones; r++) {
                    word &= word - 1;
                }
                long pos = 64L * w + Long.numberOfTrailingZeros(word);
                return (int) (base + pos - i);
            }
            ones -= c;
        }
        throw new IndexOutOfBoundsException(i);
    }
}
