package org.sham4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;

/**
 * Structure-aware mutations of a valid binary file, driven by fuzzer data: a varint somewhere is rewritten to an
 * interesting value (a count, a length, a shape: 0, 1, powers of two and their neighbours, 2^31 - 9, 2^31, 2^32),
 * a big-endian int is set, bits flip, bytes are inserted or removed. The caller re-signs the result.
 */
final class Mutations {
    private static final long[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 56, 63, 64, 127, 128, 255, 256,
        1023, 1024, 65535, 65536, (1L << 24) - 1, 1L << 24, Integer.MAX_VALUE - 9, Integer.MAX_VALUE - 8,
        Integer.MAX_VALUE, 1L << 31, 1L << 32, Long.MAX_VALUE};

    private Mutations() {
    }

    static byte[] apply(byte[] file, FuzzedDataProvider data) {
        byte[] b = file;
        int count = data.consumeInt(1, 4);
        for (int t = 0; t < count && b.length > 0; t++) {
            int at = data.consumeInt(0, b.length - 1);
            switch (data.consumeInt(0, 4)) {
                case 0 -> b = rewriteVarint(b, at, interesting(data));
                case 1 -> b = setInt(b, at, (int) interesting(data));
                case 2 -> b[at] ^= (byte) (1 << data.consumeInt(0, 7));
                case 3 -> b = splice(b, at, data.consumeInt(0, Math.min(8, b.length - at)), data.consumeBytes(8));
                default -> b[at] = data.consumeByte();
            }
        }
        return b;
    }

    private static long interesting(FuzzedDataProvider data) {
        long v = data.consumeBoolean() ? INTERESTING[data.consumeInt(0, INTERESTING.length - 1)] : data.consumeLong();
        return data.consumeBoolean() ? v : v + data.consumeInt(-2, 2);
    }

    /** Replaces the varint that starts at {@code at} by {@code value}'s (unsigned) encoding. */
    private static byte[] rewriteVarint(byte[] b, int at, long value) {
        int end = at;
        while (end < b.length && (b[end] & 0x80) != 0 && end - at < 10) {
            end++;
        }
        return splice(b, at, Math.min(b.length, end + 1) - at, Resign.varint(value < 0 ? value & Long.MAX_VALUE : value));
    }

    private static byte[] setInt(byte[] b, int at, int v) {
        byte[] out = b.clone();
        for (int k = 0; k < 4 && at + k < out.length; k++) {
            out[at + k] = (byte) (v >>> (24 - 8 * k));
        }
        return out;
    }

    /** {@code b} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, at);
        out.write(insert, 0, insert.length);
        out.write(b, at + remove, b.length - at - remove);
        return out.toByteArray();
    }
}
