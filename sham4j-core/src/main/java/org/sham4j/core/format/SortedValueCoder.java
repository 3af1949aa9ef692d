package org.sham4j.core.format;

import java.io.IOException;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;

/**
 * Stores runs of float32 values whose bit patterns (as signed ints) strictly increase, as a codebook in
 * canonical Huffman order is within each code length: the first value of a run in 32 bits, then each gap
 * between consecutive patterns, minus one, in an exponential-Golomb code whose parameter (5 bits) is the
 * best for that run. A codebook of thousands of values takes well under 32 bits per value.
 */
public final class SortedValueCoder {
    private static final int PARAM_BITS = 5;

    private SortedValueCoder() {
    }

    /** Bits of exp-Golomb code k for v &gt;= 0. */
    private static int cost(long v, int k) {
        long u = (v >>> k) + 1;
        return 2 * (63 - Long.numberOfLeadingZeros(u)) + 1 + k;
    }

    /**
     * Writes {@code values}, cut into runs of the given lengths, each run strictly increasing in bit pattern.
     */
    public static void write(PayloadOutput out, float[] values, int[] runLengths) {
        BitWriter w = new BitWriter(32L * values.length);
        int start = 0;
        for (int len : runLengths) {
            if (len == 0) {
                continue;
            }
            int best = bestParameter(values, start, len);
            w.write(best, PARAM_BITS);
            w.write(Float.floatToRawIntBits(values[start]), 32);
            for (int t = start + 1; t < start + len; t++) {
                long v = gap(values, t);
                long u = (v >>> best) + 1;
                int e = 63 - Long.numberOfLeadingZeros(u);
                w.write(0, e);
                w.write(u, e + 1);
                w.write(v, best);
            }
            start += len;
        }
        out.writeVarLong(w.bitLength());
        out.writeBits(w.toWords(), w.bitLength());
    }

    /** The exp-Golomb parameter that codes the gaps of a run in the fewest bits, the smallest of equals. */
    private static int bestParameter(float[] values, int start, int len) {
        int best = 0;
        long bestBits = Long.MAX_VALUE;
        for (int k = 0; k < (1 << PARAM_BITS) && len > 1; k++) {
            long bits = 0;
            for (int t = start + 1; t < start + len; t++) {
                bits += cost(gap(values, t), k);
            }
            if (bits < bestBits) {
                bestBits = bits;
                best = k;
            }
        }
        return best;
    }

    private static long gap(float[] values, int t) {
        long d = (long) Float.floatToRawIntBits(values[t]) - Float.floatToRawIntBits(values[t - 1]);
        if (d <= 0) {
            throw new IllegalArgumentException("values not strictly increasing in bit pattern at " + t);
        }
        return d - 1;
    }

    /** Reads values written by {@link #write} with the same run lengths. */
    public static float[] read(PayloadInput in, int[] runLengths, int count) throws IOException {
        long bitLength = in.readBitLength(64L * count + PARAM_BITS * (long) runLengths.length, "codebook");
        long[] words = in.readBits(bitLength, "codebook");
        float[] values = new float[count];
        long pos = 0;
        int start = 0;
        for (int len : runLengths) {
            if (len == 0) {
                continue;
            }
            PayloadInput.check(pos + PARAM_BITS + 32 <= bitLength, "codebook ends early");
            int k = (int) Bits.read(words, pos, PARAM_BITS);
            pos += PARAM_BITS;
            long prev = (int) Bits.read(words, pos, 32);
            pos += 32;
            values[start] = Float.intBitsToFloat((int) prev);
            for (int t = start + 1; t < start + len; t++) {
                PayloadInput.check(pos < bitLength, "codebook ends early");
                int zeros = Long.numberOfLeadingZeros(Bits.peek(words, pos));
                PayloadInput.check(zeros <= 32 && pos + 2L * zeros + 1 + k <= bitLength, "corrupt codebook gap");
                pos += zeros;
                long u = Bits.read(words, pos, zeros + 1);
                pos += zeros + 1;
                long v = ((u - 1) << k) | (k == 0 ? 0 : Bits.read(words, pos, k));
                pos += k;
                // (u - 1) << k may overflow: a gap is in range only if it is non-negative and fits above prev.
                PayloadInput.check(v >= 0 && v < Integer.MAX_VALUE - prev, "codebook value out of range");
                long next = prev + v + 1;
                values[t] = Float.intBitsToFloat((int) next);
                prev = next;
            }
            PayloadInput.check(k == bestParameter(values, start, len),
                    "codebook run at " + start + " is not coded with its best parameter");
            start += len;
        }
        PayloadInput.check(pos == bitLength, "codebook has " + (bitLength - pos) + " stray bits");
        return values;
    }
}
