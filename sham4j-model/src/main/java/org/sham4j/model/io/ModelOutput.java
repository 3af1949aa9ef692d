package org.sham4j.model.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.matrix.DenseMatrix;

/** Writes the fields of a model file, big-endian, in the forms {@link ModelInput} reads back. */
final class ModelOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);

    void raw(byte[] b) {
        write(() -> out.write(b));
    }

    void u8(int v) {
        write(() -> out.writeByte(v));
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void i32(int v) {
        write(() -> out.writeInt(v));
    }

    void f32(float v) {
        write(() -> out.writeInt(Float.floatToRawIntBits(v)));
    }

    /** Unsigned LEB128, as the core's payloads write counts. */
    void count(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative count " + v);
        }
        while (v >= 0x80) {
            u8((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        u8((int) v);
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        count(b.length);
        raw(b);
    }

    void ints(int[] a) {
        count(a.length);
        for (int v : a) {
            i32(v);
        }
    }

    void floats(float[] a) {
        count(a.length);
        for (float v : a) {
            f32(v);
        }
    }

    /** A float array that may be absent (e.g. no bias). */
    void floatsOrNull(float[] a) {
        bool(a != null);
        if (a != null) {
            floats(a);
        }
    }

    /** A weight matrix as its complete {@code .shm} bytes: it keeps its storage format. */
    void matrix(CompressedMatrix m) {
        byte[] b = ShmFile.toBytes(m);
        count(b.length);
        raw(b);
    }

    void dense(DenseMatrix m) {
        count(m.rows());
        count(m.cols());
        for (float v : m.data()) {
            f32(v);
        }
    }

    int size() {
        return bytes.size();
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
