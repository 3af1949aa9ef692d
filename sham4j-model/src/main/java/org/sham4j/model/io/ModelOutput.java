package org.sham4j.model.io;

import java.nio.charset.StandardCharsets;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.matrix.DenseMatrix;

/**
 * Writes the fields of a model file, big-endian, in the forms {@link ModelInput} reads back, through the core's
 * {@link PayloadOutput}: counts are the same varints as in every payload.
 */
final class ModelOutput {
    private final PayloadOutput out = new PayloadOutput();

    void raw(byte[] b) {
        out.writeBytes(b, b.length);
    }

    void u8(int v) {
        out.writeByte(v);
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void i32(int v) {
        out.writeInt(v);
    }

    void f32(float v) {
        out.writeFloat(v);
    }

    /** Unsigned LEB128, as the core's payloads write counts. */
    void count(long v) {
        out.writeVarLong(v);
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        count(b.length);
        raw(b);
    }

    void ints(int[] a) {
        count(a.length);
        out.writeInts(a, 0, a.length);
    }

    void floats(float[] a) {
        count(a.length);
        out.writeFloats(a, 0, a.length);
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
        out.writeFloats(m.data(), 0, m.data().length);
    }

    /** What has been written, as a container body. */
    PayloadOutput payload() {
        return out;
    }
}
