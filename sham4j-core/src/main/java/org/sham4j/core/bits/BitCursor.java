package org.sham4j.core.bits;

/**
 * A sequential reader of an MSB-first bit sequence held in 64-bit words (with the two spare words that
 * {@link BitWriter} leaves): it keeps the current and next word in registers, so that a window of 64 bits
 * costs shifts only and memory is read once per word. Decoders extend it, so that their state stays
 * in one object; its methods are final, so that their calls inline.
 */
public class BitCursor {
    private final long[] words;
    private int index;
    private int shift;
    private long cur;
    private long next;

    public BitCursor(long[] words, long position) {
        this.words = words;
        this.index = (int) (position >>> 6);
        this.shift = (int) position & 63;
        this.cur = words[index];
        this.next = words[index + 1];
    }

    /** The next 64 bits, left-justified, without consuming them. */
    public final long window() {
        return (cur << shift) | ((next >>> 1) >>> (63 - shift));
    }

    /** Consumes {@code bits} bits, 0 &lt;= bits &lt;= 64. */
    public final void skip(int bits) {
        shift += bits;
        if (shift >= 64) {
            shift -= 64;
            index++;
            cur = next;
            next = words[index + 1];
        }
    }
}
