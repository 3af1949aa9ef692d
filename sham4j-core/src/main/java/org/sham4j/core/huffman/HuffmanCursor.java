package org.sham4j.core.huffman;

/**
 * Sequential decoding of trusted codewords from MSB-first words carrying two spare words (as
 * {@link org.sham4j.core.bits.BitWriter} leaves them). Kernels decode several streams at once, one cursor
 * each, so that the dependency chains of their codewords (length, then the next codeword's position)
 * overlap; cursors are small enough for the JIT to keep in registers.
 */
public final class HuffmanCursor {
    private final HuffmanDecoder decoder;
    private final int[] table;
    private final int tableShift;
    private final long[] words;
    private int index;
    private int shift;
    private long cur;
    private long next;

    public HuffmanCursor(HuffmanDecoder decoder, long[] words, long position) {
        this.decoder = decoder;
        this.table = decoder.table();
        this.tableShift = decoder.tableShift();
        this.words = words;
        this.index = (int) (position >>> 6);
        this.shift = (int) position & 63;
        this.cur = words[index];
        this.next = words[index + 1];
    }

    /** Decodes the next codeword and returns its rank. */
    public int next() {
        long w = (cur << shift) | ((next >>> 1) >>> (63 - shift));
        int e = table[(int) ((w >>> 1) >>> tableShift)];
        if (e < 0) {
            e = decoder.decodeLong(w);
        }
        shift += e & 63;
        if (shift >= 64) {
            shift -= 64;
            index++;
            cur = next;
            next = words[index + 1];
        }
        return e >>> 6;
    }
}
