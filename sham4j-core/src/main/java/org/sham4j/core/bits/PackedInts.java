package org.sham4j.core.bits;

/**
 * Non-negative integers stored at a fixed width of {@code width} bits each, MSB first, contiguous.
 * Width 0 stores nothing (every value is 0).
 */
public final class PackedInts {
    private final int width;
    private final int size;
    private final long[] words;

    private PackedInts(int width, int size, long[] words) {
        this.width = width;
        this.size = size;
        this.words = words;
    }

    /** Packs {@code values[from..to)} at the fewest bits that hold {@code maxValue}. */
    public static PackedInts pack(int[] values, int from, int to, long maxValue) {
        int width = Bits.widthFor(maxValue);
        BitWriter w = new BitWriter((long) (to - from) * width);
        for (int p = from; p < to; p++) {
            w.write(values[p], width);
        }
        return new PackedInts(width, to - from, w.toWords());
    }

    /** Wraps words read from a file; they must hold {@code size * width} bits plus two spare words. */
    public static PackedInts wrap(int width, int size, long[] words) {
        if (width < 0 || width > 32 || words.length < (((long) size * width + 63) >>> 6) + 2) {
            throw new IllegalArgumentException("packed array of " + size + " x " + width + " bits needs more words");
        }
        return new PackedInts(width, size, words);
    }

    public int get(int index) {
        return width == 0 ? 0 : (int) Bits.read(words, (long) index * width, width);
    }

    /** Copies values {@code from .. from + count - 1} into {@code dst[0 .. count - 1]}. */
    public void get(int from, int[] dst, int count) {
        if (width == 0) {
            java.util.Arrays.fill(dst, 0, count, 0);
            return;
        }
        long pos = (long) from * width;
        int index = (int) (pos >>> 6);
        int shift = (int) pos & 63;
        long cur = words[index];
        long next = words[index + 1];
        int down = 64 - width;
        for (int k = 0; k < count; k++) {
            dst[k] = (int) (((cur << shift) | ((next >>> 1) >>> (63 - shift))) >>> down);
            shift += width;
            if (shift >= 64) {
                shift -= 64;
                index++;
                cur = next;
                next = words[index + 1];
            }
        }
    }

    public int width() {
        return width;
    }

    public int size() {
        return size;
    }

    /** The backing words (with the spare words): for kernels that stream through the values. */
    public long[] words() {
        return words;
    }

    /** Bits of payload: size x width. */
    public long bitLength() {
        return (long) size * width;
    }
}
