package org.sham4j.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A growing byte buffer that a format writes its payload to, big-endian, section by section: every byte is
 * attributed to the part of the format that is current when it is written, so that a format's reported
 * size is by construction the size of what it writes. A {@link #counting()} output keeps no bytes, only their
 * count by part: sizes of any magnitude cost no memory; a {@link #streaming} one passes them on to a stream
 * through a small buffer, with their CRC-32C.
 */
public final class PayloadOutput {
    private static final int STREAM_BUFFER = 1 << 16;
    private static final int CHUNK = 1 << 14;

    private final boolean counting;
    private final OutputStream sink;
    private final CRC32C crc;
    private byte[] buf;
    private int size;
    private long counted;
    private String part = SizeBreakdown.HEADER;
    private final Map<String, Long> bytesByPart = new LinkedHashMap<>();

    /** An output that keeps its bytes (at most 2 GiB of them). */
    public PayloadOutput() {
        this(false);
    }

    private PayloadOutput(boolean counting) {
        this.counting = counting;
        this.sink = null;
        this.crc = null;
        this.buf = new byte[counting ? 0 : 256];
    }

    private PayloadOutput(OutputStream sink) {
        this.counting = false;
        this.sink = sink;
        this.crc = new CRC32C();
        this.buf = new byte[STREAM_BUFFER];
    }

    /** An output that counts the bytes written to each part and keeps none of them. */
    public static PayloadOutput counting() {
        return new PayloadOutput(true);
    }

    /**
     * An output that passes its bytes on to {@code sink} (an I/O error becomes an UncheckedIOException) and
     * keeps their CRC-32C; {@link #flush} sends what it buffers.
     */
    public static PayloadOutput streaming(OutputStream sink) {
        return new PayloadOutput(sink);
    }

    /** Sends the buffered bytes of a streaming output on; returns the CRC-32C of every byte sent so far. */
    public int flush() {
        if (sink == null) {
            throw new IllegalStateException("only a streaming output flushes");
        }
        try {
            sink.write(buf, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        crc.update(buf, 0, size);
        size = 0;
        return (int) crc.getValue();
    }

    /** Attributes the bytes written from now on to {@code name}. */
    public PayloadOutput part(String name) {
        part = name;
        return this;
    }

    /** Counts {@code more} bytes to the current part; whether they are to be stored. */
    private boolean ensure(long more) {
        reserve(more);
        bytesByPart.merge(part, more, Long::sum);
        return !counting;
    }

    private void reserve(long more) {
        counted += more;
        if (counting) {
            return;
        }
        if (sink != null) {
            if (size + more > buf.length) {
                flush();
            }
            return;
        }
        long need = size + more;
        if (need > Integer.MAX_VALUE - 8) {
            throw FormatLimitException.payload(need);
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buf.length)));
        }
    }

    public void writeByte(int v) {
        if (!ensure(1)) {
            return;
        }
        buf[size++] = (byte) v;
    }

    public void writeInt(int v) {
        if (!ensure(4)) {
            return;
        }
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
        for (int c = from; c < to; c += CHUNK) {
            writeIntChunk(a, c, Math.min(to, c + CHUNK));
        }
    }

    private void writeIntChunk(int[] a, int from, int to) {
        if (!ensure(4L * (to - from))) {
            return;
        }
        for (int p = from; p < to; p++) {
            int v = a[p];
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }
    }

    public void writeFloats(float[] a, int from, int to) {
        for (int c = from; c < to; c += CHUNK) {
            writeFloatChunk(a, c, Math.min(to, c + CHUNK));
        }
    }

    private void writeFloatChunk(float[] a, int from, int to) {
        if (!ensure(4L * (to - from))) {
            return;
        }
        for (int p = from; p < to; p++) {
            int v = Float.floatToRawIntBits(a[p]);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }
    }

    public void writeBytes(byte[] a, int count) {
        for (int c = 0; c < count; c += CHUNK) {
            int n = Math.min(CHUNK, count - c);
            if (ensure(n)) {
                System.arraycopy(a, c, buf, size, n);
                size += n;
            }
        }
    }

    /** Writes the first {@code bitLength} bits of MSB-first words as ceil(bitLength / 8) bytes. */
    public void writeBits(long[] words, long bitLength) {
        long nbytes = (bitLength + 7) >>> 3;
        for (long c = 0; c < nbytes; c += CHUNK) {
            long end = Math.min(nbytes, c + CHUNK);
            if (ensure(end - c)) {
                for (long b = c; b < end; b++) {
                    long w = words[(int) (b >>> 3)];
                    buf[size++] = (byte) (w >>> (56 - 8 * (b & 7)));
                }
            }
        }
    }

    /** Appends everything {@code other} holds, keeping its attribution to parts. */
    public void append(PayloadOutput other) {
        if (other.counting && !counting || other.sink != null || sink != null) {
            throw new IllegalStateException("only kept bytes can be appended, to an output that keeps them");
        }
        reserve(other.counted);
        other.bytesByPart.forEach((name, bytes) -> bytesByPart.merge(name, bytes, Long::sum));
        if (!counting) {
            System.arraycopy(other.buf, 0, buf, size, other.size);
            size += other.size;
        }
    }

    /** Bytes written so far. */
    public long size() {
        return counted;
    }

    public byte[] toByteArray() {
        if (counting || sink != null) {
            throw new IllegalStateException("a counting output keeps no bytes");
        }
        return Arrays.copyOf(buf, size);
    }

    /** Bytes written to each part, in first-written order. */
    public Map<String, Long> bytesByPart() {
        return bytesByPart;
    }
}
