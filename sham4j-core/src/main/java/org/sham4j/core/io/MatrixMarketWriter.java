package org.sham4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Writes a matrix as Matrix Market {@code coordinate real general}, 1-based, in column order, gzip-compressed
 * when the file name ends in {@code .gz}. Each value is written as the decimal of its exact double, so
 * reading it back gives the same float32 bits.
 */
public final class MatrixMarketWriter {
    private MatrixMarketWriter() {
    }

    /** Writes {@code m} to {@code file} atomically. */
    public static void write(Path file, SparseMatrix m) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            if (gzip) {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                write(gz, m);
                gz.finish();
            } else {
                write(out, m);
            }
        });
    }

    /** Writes {@code m} to a stream (not closed). */
    public static void write(OutputStream out, SparseMatrix m) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        w.write("%%MatrixMarket matrix coordinate real general\n");
        w.write(m.rows() + " " + m.cols() + " " + m.nnz() + "\n");
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        float[] v = m.values();
        StringBuilder line = new StringBuilder(48);
        for (int j = 0; j < m.cols(); j++) {
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                line.setLength(0);
                line.append(ri[p] + 1).append(' ').append(j + 1).append(' ').append((double) v[p]).append('\n');
                w.append(line);
            }
        }
        w.flush();
    }
}
