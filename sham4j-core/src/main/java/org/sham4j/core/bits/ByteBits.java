package org.sham4j.core.bits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MSB-first bit sequences held in bytes with {@value #SPARE} spare bytes at the end, read with one unaligned
 * 8-byte load per window: the cheapest random access to a bit position in plain Java.
 */
public final class ByteBits {
    /** Spare zero bytes after the last bit, so a window may be read at any position up to the end. */
    public static final int SPARE = 8;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ByteBits() {
    }

    /** At least 57 bits starting at bit {@code pos}, left-justified. */
    public static long window(byte[] bytes, long pos) {
        return (long) LONG_BE.get(bytes, (int) (pos >>> 3)) << (pos & 7);
    }

    /** The first {@code bitLength} bits of MSB-first words as bytes, plus the spare bytes. */
    public static byte[] fromWords(long[] words, long bitLength) {
        int n = Math.toIntExact((bitLength + 7) >>> 3);
        byte[] bytes = new byte[n + SPARE];
        for (int b = 0; b < n; b++) {
            bytes[b] = (byte) (words[b >>> 3] >>> (56 - 8 * (b & 7)));
        }
        return bytes;
    }
}
