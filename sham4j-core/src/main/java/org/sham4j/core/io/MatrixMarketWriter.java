package org.sham4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Writes a matrix as Matrix Market {@code coordinate real general}, 1-based, in column order, gzip-compressed
 * when the file name ends in {@code .gz}. A value that is an integer below 2<sup>24</sup> is written as one;
 * any other as the decimal of its exact double, so reading it back gives the same float32 bits.
 */
public final class MatrixMarketWriter {
    private MatrixMarketWriter() {
    }

    /** Writes {@code m} to {@code file} atomically. */
    public static void write(Path file, SparseMatrix m) throws IOException {
        MatrixFiles.write(file, m.rows(), m.cols(), m.nnz(), List.of(), sink -> columns(m, sink));
    }

    /** Writes {@code m} to a stream (not closed). */
    public static void write(OutputStream out, SparseMatrix m) throws IOException {
        ColumnSink sink = sink(out, m.rows(), m.cols(), m.nnz(), List.of());
        columns(m, sink);
        sink.finish();
    }

    private static void columns(SparseMatrix m, ColumnSink sink) throws IOException {
        int[] ptr = m.colPtr();
        int[] rows = new int[m.rows()];
        float[] values = new float[m.rows()];
        for (int j = 0; j < m.cols(); j++) {
            int count = ptr[j + 1] - ptr[j];
            System.arraycopy(m.rowIdx(), ptr[j], rows, 0, count);
            System.arraycopy(m.values(), ptr[j], values, 0, count);
            sink.column(j, rows, values, count);
        }
    }

    /**
     * A sink that writes the header (banner, {@code comments} as {@code %} lines, size line) at once and then
     * each column's entries as they come; the stream is flushed by {@link ColumnSink#finish}, not closed.
     */
    public static ColumnSink sink(OutputStream out, int rows, int cols, long nnz, List<String> comments)
            throws IOException {
        StringBuilder head = new StringBuilder("%%MatrixMarket matrix coordinate real general\n");
        for (String c : comments) {
            head.append('%').append(c.isEmpty() ? "" : " ").append(c.replace('\n', ' ')).append('\n');
        }
        head.append(rows).append(' ').append(cols).append(' ').append(nnz).append('\n');
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        return new Sink(out, cols, nnz);
    }

    /** Entries as ASCII lines in a byte buffer, with no object per entry. */
    private static final class Sink implements ColumnSink {
        private static final int LINE = 64;
        private static final float EXACT_INT = 1 << 24;

        private final OutputStream out;
        private final int cols;
        private final long nnz;
        private final byte[] buf = new byte[1 << 16];
        private int size;
        private int nextColumn;
        private long written;

        Sink(OutputStream out, int cols, long nnz) {
            this.out = out;
            this.cols = cols;
            this.nnz = nnz;
        }

        @Override
        public void column(int j, int[] rows, float[] values, int count) throws IOException {
            if (j != nextColumn) {
                throw new IllegalStateException("column " + j + " written where column " + nextColumn + " is due");
            }
            nextColumn++;
            written += count;
            if (written > nnz) {
                throw new IllegalStateException("more than the " + nnz + " entries announced");
            }
            byte[] column = (" " + (j + 1) + " ").getBytes(StandardCharsets.US_ASCII);
            for (int k = 0; k < count; k++) {
                if (size + LINE > buf.length) {
                    flush();
                }
                size = putLong(rows[k] + 1L, size);
                System.arraycopy(column, 0, buf, size, column.length);
                size += column.length;
                float v = values[k];
                if (v == (int) v && Math.abs(v) < EXACT_INT) {
                    size = putLong((int) v, size);
                } else {
                    byte[] text = Double.toString(v).getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(text, 0, buf, size, text.length);
                    size += text.length;
                }
                buf[size++] = '\n';
            }
        }

        private int putLong(long v, int at) {
            if (v < 0) {
                buf[at++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            for (int p = at + digits - 1; p >= at; p--) {
                buf[p] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return at + digits;
        }

        private void flush() throws IOException {
            out.write(buf, 0, size);
            size = 0;
        }

        @Override
        public void finish() throws IOException {
            if (nextColumn != cols || written != nnz) {
                throw new IllegalStateException(nextColumn + " of " + cols + " columns and " + written + " of "
                        + nnz + " entries written");
            }
            flush();
            out.flush();
        }
    }
}
