package org.sham4j.core.bits;

/**
 * Non-negative integers stored at a fixed width of {@code width} bits each, MSB first, contiguous.
 * Width 0 stores nothing (every value is 0).
 */
public final class PackedInts {
    private final int width;
    private final int size;
    private final byte[] bytes;

    private PackedInts(int width, int size, long[] words) {
        this.width = width;
        this.size = size;
        this.bytes = ByteBits.fromWords(words, (long) size * width);
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

    /** Wraps MSB-first words read from a file holding at least {@code size * width} bits. */
    public static PackedInts wrap(int width, int size, long[] words) {
        if (width < 0 || width > 32 || (long) words.length * 64 < (long) size * width) {
            throw new IllegalArgumentException("packed array of " + size + " x " + width + " bits needs more words");
        }
        return new PackedInts(width, size, words);
    }

    public int get(int index) {
        if (width == 0) {
            return 0;
        }
        long pos = (long) index * width;
        return (int) (ByteBits.window(bytes, pos) >>> (64 - width));
    }

    /** Copies values {@code from .. from + count - 1} into {@code dst[0 .. count - 1]}. */
    public void get(int from, int[] dst, int count) {
        get(from, dst, 0, count);
    }

    /** Copies values {@code from .. from + count - 1} into {@code dst[at .. at + count - 1]}. */
    public void get(int from, int[] dst, int at, int count) {
        if (width == 0) {
            java.util.Arrays.fill(dst, at, at + count, 0);
            return;
        }
        final byte[] b = bytes;
        final int w = width;
        final int down = 64 - w;
        long pos = (long) from * w;
        for (int k = 0; k < count; k++, pos += w) {
            dst[at + k] = (int) (ByteBits.window(b, pos) >>> down);
        }
    }

    public int width() {
        return width;
    }

    public int size() {
        return size;
    }

    /** The packed bits, MSB first, in {@link #byteLength()} bytes followed by spare zero bytes (not a copy). */
    public byte[] bytes() {
        return bytes;
    }

    /** Bytes that hold the values: ceil(size x width / 8). */
    public int byteLength() {
        return bytes.length - ByteBits.SPARE;
    }
}
