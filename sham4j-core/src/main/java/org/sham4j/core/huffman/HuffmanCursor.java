package org.sham4j.core.huffman;

import org.sham4j.core.bits.BitCursor;

/**
 * Sequential decoding of trusted codewords to their values: a {@link BitCursor} over MSB-first words
 * carrying two spare words (as {@link org.sham4j.core.bits.BitWriter} leaves them). Kernels decode several
 * streams at once, one cursor each, so that the dependency chains of their codewords (length, then the
 * next codeword's position) overlap; cursors are small enough for the JIT to keep in registers.
 */
public final class HuffmanCursor extends BitCursor {
    private final HuffmanRuns runs;
    private final HuffmanDecoder decoder;
    private final float[] values;

    public HuffmanCursor(HuffmanRuns runs, long[] words, long position) {
        super(words, position);
        this.runs = runs;
        this.decoder = runs.decoder;
        this.values = runs.values;
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
