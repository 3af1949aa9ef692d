package org.sham4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;

/**
 * Writes a matrix or a tensor as a NumPy {@code .npy} file of dtype {@code <f4} in C order (or a matrix streamed
 * column by column in Fortran order, {@link #fortranSink}), with the version 1.0 header
 * NumPy writes: padded with spaces (leaving room for the first dimension to grow to 21 digits) and a newline
 * so that the data starts at a multiple of 64 bytes.
 */
public final class NpyWriter {
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int PREFIX = 10;

    private NpyWriter() {
    }

    /** Writes {@code m} to {@code file} atomically. */
    public static void write(Path file, DenseMatrix m) throws IOException {
        AtomicFiles.write(file, out -> write(out, m));
    }

    /** Writes {@code m} as {@code .npy} bytes to {@code out}, which is not closed. */
    public static void write(OutputStream out, DenseMatrix m) throws IOException {
        out.write(header(m.rows(), m.cols()));
        writeData(out, m.data());
    }

    /** Writes a tensor of any rank to {@code file} atomically. */
    public static void write(Path file, Tensor t) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write(header(t.shape()));
            writeData(out, t.data());
        });
    }

    private static void writeData(OutputStream out, float[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < data.length; ) {
            buffer.clear();
            while (k < data.length && buffer.remaining() >= Float.BYTES) {
                buffer.putFloat(data[k++]);
            }
            out.write(buffer.array(), 0, buffer.position());
        }
    }

    /**
     * A sink that writes a rows x cols {@code <f4} array in Fortran order, each column (zeros included) as it comes;
     * the stream is flushed by {@link ColumnSink#finish}, not closed.
     */
    public static ColumnSink fortranSink(OutputStream out, int rows, int cols) throws IOException {
        out.write(header(new int[] {rows, cols}, true));
        return new ColumnSink() {
            private final ByteBuffer column = ByteBuffer.allocate(Math.multiplyExact(rows, Float.BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            private int next;

            @Override
            public void column(int j, int[] r, float[] values, int count) throws IOException {
                if (j != next) {
                    throw new IllegalStateException("column " + j + " written where column " + next + " is due");
                }
                next++;
                java.util.Arrays.fill(column.array(), (byte) 0);
                for (int k = 0; k < count; k++) {
                    column.putFloat(r[k] * Float.BYTES, values[k]);
                }
                out.write(column.array());
            }

            @Override
            public void finish() throws IOException {
                if (next != cols) {
                    throw new IllegalStateException(next + " of " + cols + " columns written");
                }
                out.flush();
            }
        };
    }

    /** Magic, version 1.0, header length and the padded header dict of a rows x cols {@code <f4} array. */
    static byte[] header(int rows, int cols) {
        return header(new int[] {rows, cols});
    }

    /** The header of an {@code <f4} array of any shape in C order. */
    static byte[] header(int[] shape) {
        return header(shape, false);
    }

    /** The header of an {@code <f4} array of any shape, in C or Fortran order. */
    static byte[] header(int[] shape, boolean fortran) {
        String first = shape.length == 0 ? "" : Integer.toString(shape[0]);
        StringBuilder tuple = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            tuple.append(k == 0 ? "" : ", ").append(shape[k]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '<f4', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + tuple + ", }"
                + " ".repeat(GROWTH_AXIS_MAX_DIGITS - first.length());
        int padding = ALIGN - (PREFIX + dict.length() + 1) % ALIGN;
        int length = dict.length() + padding + 1;
        ByteBuffer b = ByteBuffer.allocate(PREFIX + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) length);
        b.put((dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
