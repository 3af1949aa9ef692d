package org.sham4j.core.bits;

/**
 * Random access to an MSB-first bit sequence held in 64-bit words, as written by {@link BitWriter}:
 * the words must carry two spare words past the last bit, so any position up to the end may be peeked.
 */
public final class Bits {
    private Bits() {
    }

    /** The 64 bits starting at bit {@code pos}, left-justified (bits past the end read as zero). */
    public static long peek(long[] words, long pos) {
        int i = (int) (pos >>> 6);
        int s = (int) pos & 63;
        return (words[i] << s) | ((words[i + 1] >>> 1) >>> (63 - s));
    }

    /** The {@code width}-bit field starting at bit {@code pos}, 1 &lt;= width &lt;= 64. */
    public static long read(long[] words, long pos, int width) {
        return peek(words, pos) >>> (64 - width);
    }

    /** Fewest bits that hold every value in 0..maxValue (0 for maxValue 0). */
    public static int widthFor(long maxValue) {
        return 64 - Long.numberOfLeadingZeros(maxValue);
    }

    /** Ceiling of log2 of k: the bits of an index into k items (0 for k &lt;= 1). */
    public static int indexBits(long k) {
        return k <= 1 ? 0 : widthFor(k - 1);
    }
}
