package org.sham4j.core.format;

import java.io.IOException;
import org.sham4j.core.io.InvalidInputException;

/**
 * Bounds-checked big-endian reads over a payload, the reader of every binary file of this library. The rule for
 * every reader, here and in the formats:
 * <ol>
 *   <li>every count read from a file is checked against the bytes that remain before anything is allocated or
 *       looped over, so a forged size gives an {@link InvalidInputException}, never an OutOfMemoryError;</li>
 *   <li>the work of validating or decoding a file grows with its size, not with a shape it declares: a loop over
 *       declared rows, columns or entries runs only where each step consumes stored bits, and a stream whose
 *       entries cost no bits (a one-value code) is checked in closed form;</li>
 *   <li>a pointer array is checked entry by entry (each within its range and none below the one before it)
 *       before any pointer is followed;</li>
 *   <li>what a declared shape needs beyond the bytes present (a dense copy, a model's activations) is checked
 *       against the {@link org.sham4j.core.memory.MemoryBudget} before it is allocated.</li>
 * </ol>
 */
public final class PayloadInput {
    private final byte[] buf;
    private int pos;
    private final int end;

    public PayloadInput(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(long n, String what) throws InvalidInputException {
        if (n < 0 || n > end - pos) {
            throw new InvalidInputException("truncated payload: " + what + " needs " + n + " bytes, "
                    + (end - pos) + " left");
        }
    }

    public int readByte() throws InvalidInputException {
        need(1, "a byte");
        return buf[pos++] & 0xff;
    }

    public int readInt() throws InvalidInputException {
        need(4, "an int");
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public float readFloat() throws InvalidInputException {
        return Float.intBitsToFloat(readInt());
    }

    /** An unsigned LEB128 varint in its shortest form, as {@link PayloadOutput#writeVarLong} writes it. */
    public long readVarLong() throws InvalidInputException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                if (shift == 63 && b > 1) {
                    break;
                }
                if (b == 0 && shift > 0) {
                    throw new InvalidInputException("malformed varint: not in its shortest form");
                }
                return v;
            }
        }
        throw new InvalidInputException("malformed varint");
    }

    /** Reads a count and checks it lies in 0..max. */
    public int readCount(String what, long max) throws InvalidInputException {
        long v = readVarLong();
        if (v < 0 || v > max || v > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(what + " " + v + " out of range 0.." + Math.min(max, Integer.MAX_VALUE - 8));
        }
        return (int) v;
    }

    /** Reads {@code n} raw bytes. */
    public byte[] readBytes(int n, String what) throws InvalidInputException {
        need(n, what);
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    public int[] readInts(int n, String what) throws InvalidInputException {
        need(4L * n, what);
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                    | (buf[pos + 3] & 0xff);
            pos += 4;
        }
        return a;
    }

    public float[] readFloats(int n, String what) throws InvalidInputException {
        int[] bits = readInts(n, what);
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = Float.intBitsToFloat(bits[k]);
        }
        return a;
    }

    /**
     * Reads {@code bitLength} bits written by {@link PayloadOutput#writeBits} into MSB-first words with
     * two spare zero words at the end.
     */
    public long[] readBits(long bitLength, String what) throws InvalidInputException {
        long nbytes = (bitLength + 7) >>> 3;
        need(nbytes, what);
        long[] words = new long[(int) ((bitLength + 63) >>> 6) + 2];
        for (long b = 0; b < nbytes; b++) {
            words[(int) (b >>> 3)] |= (long) (buf[pos++] & 0xff) << (56 - 8 * (b & 7));
        }
        int tail = (int) (bitLength & 63);
        if (tail != 0 && (words[(int) (bitLength >>> 6)] << tail) != 0) {
            throw new InvalidInputException(what + ": padding bits are not zero");
        }
        return words;
    }

    /** Reads a bit length that must lie in 0..maxBits and fit in the bytes left. */
    public long readBitLength(long maxBits, String what) throws InvalidInputException {
        long bits = readVarLong();
        if (bits < 0 || bits > maxBits || bits > 8L * remaining()) {
            throw new InvalidInputException(what + ": bit length " + bits + " out of range");
        }
        return bits;
    }

    /** Fails unless every byte has been read. */
    public void expectEnd(String what) throws InvalidInputException {
        if (pos != end) {
            throw new InvalidInputException(what + ": " + (end - pos) + " unexpected trailing bytes");
        }
    }

    /**
     * Checks a pointer array entry by entry: it starts at 0, ends at {@code end}, and no entry is below the one
     * before it (so every entry lies in 0..end).
     */
    public static void checkPointers(int[] ptr, int end, String what) throws IOException {
        check(ptr.length > 0 && ptr[0] == 0, what + " do not start at 0");
        for (int k = 1; k < ptr.length; k++) {
            if (ptr[k] < ptr[k - 1] || ptr[k] > end) {
                throw new InvalidInputException(what + ": entry " + k + " is " + ptr[k] + ", below the one before it ("
                        + ptr[k - 1] + ") or above " + end);
            }
        }
        check(ptr[ptr.length - 1] == end, what + " end at " + ptr[ptr.length - 1] + ", not at " + end);
    }

    /** Wraps a check failure of a format reader as a corrupt-input error. */
    public static void check(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }
}
