package org.sham4j.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Structure-aware repairs that let mutations reach the parsers behind a checksum: a container ({@code .shm},
 * {@code .sham}) gets its body length rewritten to the bytes present and its CRC-32C recomputed, and so does every
 * {@code .shm} embedded in a model, in place (within the span its length prefix gives it).
 */
final class Resign {
    static final byte[] SHM = "SHM4".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHAM = "SHAMODEL".getBytes(StandardCharsets.US_ASCII);

    private Resign() {
    }

    /** A copy of {@code file} with its frame repaired, and its embedded {@code .shm} files too. */
    static byte[] container(byte[] file, byte[] magic) {
        byte[] b = file.clone();
        if (magic == SHAM) {
            for (int p = SHAM.length; p + SHM.length < b.length; p++) {
                if (startsWith(b, p, SHM)) {
                    int span = prefixedLength(b, p);
                    if (span > 0 && p + span <= b.length) {
                        frameInPlace(b, p, span, SHM.length);
                    }
                }
            }
        }
        return frame(b, magic.length);
    }

    private static boolean startsWith(byte[] b, int at, byte[] magic) {
        for (int k = 0; k < magic.length; k++) {
            if (b[at + k] != magic[k]) {
                return false;
            }
        }
        return true;
    }

    /** The varint that ends right before {@code at}, read backwards, or -1. */
    private static int prefixedLength(byte[] b, int at) {
        for (int n = 1; n <= 5 && at - n >= 0; n++) {
            long v = 0;
            int k = at - n;
            boolean ok = true;
            for (int s = 0; k < at; k++, s += 7) {
                int x = b[k] & 0xff;
                v |= (long) (x & 0x7f) << s;
                if ((x < 0x80) != (k == at - 1)) {
                    ok = false;
                    break;
                }
            }
            if (ok && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        return -1;
    }

    /** The file with the body length after magic and version set to the bytes present (when version >= 2). */
    private static byte[] frame(byte[] b, int magicLength) {
        if (b.length < magicLength + 1 + 4 || (b[magicLength] & 0xff) < 2) {
            return sign(b, 0, b.length);
        }
        int lengthAt = magicLength + 1;
        int old = varintSize(b, lengthAt);
        if (old < 0) {
            return sign(b, 0, b.length);
        }
        int bodyStart = lengthAt + old;
        int body = Math.max(0, b.length - 4 - bodyStart);
        byte[] len = varint(body);
        byte[] out = new byte[lengthAt + len.length + body + 4];
        System.arraycopy(b, 0, out, 0, lengthAt);
        System.arraycopy(len, 0, out, lengthAt, len.length);
        System.arraycopy(b, bodyStart, out, lengthAt + len.length, body);
        return sign(out, 0, out.length);
    }

    /** Repairs an embedded container in place where its body length keeps its size; always re-signs it. */
    private static void frameInPlace(byte[] b, int from, int span, int magicLength) {
        int lengthAt = from + magicLength + 1;
        if (span >= magicLength + 1 + 4 && (b[from + magicLength] & 0xff) >= 2) {
            int old = varintSize(b, lengthAt);
            if (old > 0) {
                int body = span - (magicLength + 1 + old + 4);
                byte[] len = varint(Math.max(0, body));
                if (len.length == old) {
                    System.arraycopy(len, 0, b, lengthAt, old);
                }
            }
        }
        sign(b, from, span);
    }

    private static int varintSize(byte[] b, int at) {
        for (int k = at; k < b.length && k < at + 10; k++) {
            if ((b[k] & 0x80) == 0) {
                return k - at + 1;
            }
        }
        return -1;
    }

    static byte[] varint(long v) {
        byte[] tmp = new byte[10];
        int n = 0;
        while (v >= 0x80) {
            tmp[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        tmp[n++] = (byte) v;
        return java.util.Arrays.copyOf(tmp, n);
    }

    /** Writes the CRC-32C of b[from, from + length - 4) into its last 4 bytes. */
    private static byte[] sign(byte[] b, int from, int length) {
        if (length < 4) {
            return b;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, from, length - 4);
        int v = (int) crc.getValue();
        for (int k = 0; k < 4; k++) {
            b[from + length - 4 + k] = (byte) (v >>> (24 - 8 * k));
        }
        return b;
    }
}
