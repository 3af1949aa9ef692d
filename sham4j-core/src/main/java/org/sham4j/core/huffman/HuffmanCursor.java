package org.sham4j.core.huffman;

/**
 * Sequential decoding of trusted codewords to their values, from MSB-first words carrying two spare words
 * (as {@link org.sham4j.core.bits.BitWriter} leaves them). Kernels decode several streams at once, one
 * cursor each, so that the dependency chains of their codewords (length, then the next codeword's
 * position) overlap; cursors are small enough for the JIT to keep in registers.
 */
public final class HuffmanCursor {
    private final HuffmanRuns runs;
    private final HuffmanDecoder decoder;
    private final float[] values;
    private final long[] words;
    private int index;
    private int shift;
    private long cur;
    private long next;

    public HuffmanCursor(HuffmanRuns runs, long[] words, long position) {
        this.runs = runs;
        this.decoder = runs.decoder;
        this.values = runs.values;
        this.words = words;
        this.index = (int) (position >>> 6);
        this.shift = (int) position & 63;
        this.cur = words[index];
        this.next = words[index + 1];
    }

    private long window() {
        return (cur << shift) | ((next >>> 1) >>> (63 - shift));
    }

    private void skip(int bits) {
        shift += bits;
        if (shift >= 64) {
            shift -= 64;
            index++;
            cur = next;
            next = words[index + 1];
        }
    }

    /**
     * Decodes the next one to {@value HuffmanRuns#RUN} values into out[o], out[o + stride], ... and returns
     * the index after the last; writes (but does not count) up to out[o + (RUN - 1) * stride].
     */
    public int run(float[] out, int o, int stride) {
        long w = window();
        int i = (int) ((w >>> 1) >>> runs.shift);
        int e = runs.meta[i];
        if (e < 0) {
            e = decoder.decodeLong(w);
            out[o] = values[e >>> 6];
            skip(e & 63);
            return o + stride;
        }
        float[] r = runs.runs;
        int s = i * HuffmanRuns.RUN;
        out[o] = r[s];
        out[o + stride] = r[s + 1];
        out[o + 2 * stride] = r[s + 2];
        out[o + 3 * stride] = r[s + 3];
        skip(e & 63);
        return o + (e >>> 6) * stride;
    }

    /** Decodes the next value. */
    public float one() {
        int e = decoder.decode(window());
        skip(e & 63);
        return values[e >>> 6];
    }
}
