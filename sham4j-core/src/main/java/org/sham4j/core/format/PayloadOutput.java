package org.sham4j.core.format;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A growing byte buffer that a format writes its payload to, big-endian, section by section: every byte is
 * attributed to the part of the format that is current when it is written, so that a format's reported
 * size is by construction the size of what it writes.
 */
public final class PayloadOutput {
    private byte[] buf = new byte[256];
    private int size;
    private String part = SizeBreakdown.HEADER;
    private final Map<String, Long> bytesByPart = new LinkedHashMap<>();

    /** Attributes the bytes written from now on to {@code name}. */
    public PayloadOutput part(String name) {
        part = name;
        return this;
    }

    private void ensure(long more) {
        reserve(more);
        bytesByPart.merge(part, more, Long::sum);
    }

    private void reserve(long more) {
        long need = size + more;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("payload larger than 2 GiB");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buf.length)));
        }
    }

    public void writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    public void writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    public void writeFloat(float v) {
        writeInt(Float.floatToRawIntBits(v));
    }

    /** Unsigned LEB128. */
    public void writeVarLong(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative varint " + v);
        }
        while (v >= 0x80) {
            writeByte((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        writeByte((int) v);
    }

    public void writeInts(int[] a, int from, int to) {
        ensure(4L * (to - from));
        for (int p = from; p < to; p++) {
            int v = a[p];
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }
    }

    public void writeFloats(float[] a, int from, int to) {
        ensure(4L * (to - from));
        for (int p = from; p < to; p++) {
            int v = Float.floatToRawIntBits(a[p]);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }
    }

    public void writeBytes(byte[] a, int count) {
        ensure(count);
        System.arraycopy(a, 0, buf, size, count);
        size += count;
    }

    /** Writes the first {@code bitLength} bits of MSB-first words as ceil(bitLength / 8) bytes. */
    public void writeBits(long[] words, long bitLength) {
        long nbytes = (bitLength + 7) >>> 3;
        ensure(nbytes);
        for (long b = 0; b < nbytes; b++) {
            long w = words[(int) (b >>> 3)];
            buf[size++] = (byte) (w >>> (56 - 8 * (b & 7)));
        }
    }

    /** Appends everything {@code other} holds, keeping its attribution to parts. */
    public void append(PayloadOutput other) {
        reserve(other.size);
        other.bytesByPart.forEach((name, bytes) -> bytesByPart.merge(name, bytes, Long::sum));
        System.arraycopy(other.buf, 0, buf, size, other.size);
        size += other.size;
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Bytes written to each part, in first-written order. */
    public Map<String, Long> bytesByPart() {
        return bytesByPart;
    }
}
