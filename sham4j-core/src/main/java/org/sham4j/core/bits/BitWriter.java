package org.sham4j.core.bits;

import java.util.Arrays;

/**
 * Appends bit fields most-significant bit first into a growing array of 64-bit words.
 * The words it returns carry two spare zero words at the end, so that readers may look 64 bits ahead of any position up to the end
 * without a bounds branch.
 */
public final class BitWriter {
    private long[] words;
    private long bitLength;

    public BitWriter() {
        this(1024);
    }

    /** Starts with room for {@code expectedBits} bits. */
    public BitWriter(long expectedBits) {
        words = new long[(int) Math.max(2, Math.min(Integer.MAX_VALUE - 8, (expectedBits >>> 6) + 2))];
    }

    /** Appends the low {@code width} bits of {@code value}, 0 &lt;= width &lt;= 64. */
    public void write(long value, int width) {
        if (width == 0) {
            return;
        }
        int idx = (int) (bitLength >>> 6);
        if (idx + 2 > words.length) {
            words = Arrays.copyOf(words, Math.max(idx + 2, words.length + (words.length >> 1)));
        }
        int used = (int) (bitLength & 63);
        long v = width == 64 ? value : value & ((1L << width) - 1);
        int free = 64 - used;
        if (width <= free) {
            words[idx] |= v << (free - width);
        } else {
            int spill = width - free;
            words[idx] |= v >>> spill;
            words[idx + 1] = v << (64 - spill);
        }
        bitLength += width;
    }

    /** Appends the first {@code bitLength} bits of MSB-first words. */
    public void append(long[] src, long bitLength) {
        int full = (int) (bitLength >>> 6);
        for (int i = 0; i < full; i++) {
            write(src[i], 64);
        }
        int tail = (int) (bitLength & 63);
        if (tail > 0) {
            write(src[full] >>> (64 - tail), tail);
        }
    }

    /** Number of bits written. */
    public long bitLength() {
        return bitLength;
    }

    /** The written bits, trimmed to the words they need plus two spare zero words. */
    public long[] toWords() {
        return Arrays.copyOf(words, Math.toIntExact(((bitLength + 63) >>> 6) + 2));
    }
}
