package org.sham4j.core.huffman;

/**
 * A decoding table over the values of a code that resolves up to {@value #RUN} consecutive codewords per
 * lookup: for each {@code bits}-bit prefix, the values of the codewords that lie wholly inside it (at most
 * {@value #RUN}) and the bits they take. Short codes thus cost a fraction of a lookup each.
 */
public final class HuffmanRuns {
    /** Most codewords one lookup resolves. */
    public static final int RUN = 4;
    /** Prefix bits: 2^10 entries of 4 + 16 bytes stay in L1. */
    private static final int BITS = 10;

    final HuffmanDecoder decoder;
    final float[] values;
    /** Right shift that turns {@code window >>> 1} into an index. */
    final int shift;
    /** (count &lt;&lt; 6) | bits taken, or minus the shortest length of the codewords longer than the prefix. */
    final int[] meta;
    /** {@value #RUN} values per prefix, the first count of them decoded. */
    final float[] runs;

    /** A table over {@code decoder}'s code, whose rank r stands for {@code values[r]}. */
    public HuffmanRuns(HuffmanDecoder decoder, float[] values) {
        this.decoder = decoder;
        this.values = values;
        this.shift = 63 - BITS;
        this.meta = new int[1 << BITS];
        this.runs = new float[RUN << BITS];
        for (int i = 0; i < 1 << BITS && values.length > 0; i++) {
            long window = (long) i << (64 - BITS);
            int used = 0;
            int count = 0;
            while (count < RUN) {
                int e = decoder.decode(window << used);
                if ((e & 63) > BITS - used) {
                    break;
                }
                runs[i * RUN + count++] = values[e >>> 6];
                used += e & 63;
            }
            meta[i] = count == 0 ? -(decoder.decode(window) & 63) : (count << 6) | used;
        }
    }

    /**
     * What one lookup at {@code window} (the stream from the next codeword on) resolves, as
     * {@link #decode} decodes it: (count &lt;&lt; 6) | bits taken, or a negative number when the next
     * codeword is longer than the prefix (it is then decoded alone, through the decoder).
     */
    public int lookup(long window) {
        return meta[(int) ((window >>> 1) >>> shift)];
    }

    /**
     * Decodes the codewords at the top of {@code window} (the stream from the next codeword on): one to
     * {@value #RUN} values into out[o], out[o + stride], ...; returns (count &lt;&lt; 6) | bits taken. Writes
     * (but does not count) up to out[o + (RUN - 1) * stride].
     */
    public int decode(long window, float[] out, int o, int stride) {
        int i = (int) ((window >>> 1) >>> shift);
        int e = meta[i];
        if (e < 0) {
            e = decoder.decodeLong(window);
            out[o] = values[e >>> 6];
            return (1 << 6) | (e & 63);
        }
        int s = i * RUN;
        out[o] = runs[s];
        out[o + stride] = runs[s + 1];
        out[o + 2 * stride] = runs[s + 2];
        out[o + 3 * stride] = runs[s + 3];
        return e;
    }

    /** Bytes of the lookup table: 4 per prefix. */
    public long metaBytes() {
        return 4L * meta.length;
    }

    /** Bytes of the run values: {@value #RUN} floats per prefix. */
    public long runBytes() {
        return 4L * runs.length;
    }
}
