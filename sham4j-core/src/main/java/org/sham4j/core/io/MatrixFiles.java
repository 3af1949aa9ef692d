package org.sham4j.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a matrix streamed column by column to a file whose name says its kind: {@code .mtx} (Matrix Market
 * coordinate, column order), {@code .mtx.gz} (the same, gzip) or {@code .npy} (float32, Fortran order), atomically.
 */
public final class MatrixFiles {
    /** Produces the columns of a matrix into a sink. */
    @FunctionalInterface
    public interface ColumnSource {
        void writeTo(ColumnSink sink) throws IOException;
    }

    private MatrixFiles() {
    }

    /** Whether {@code file}'s name is one {@link #write} takes. */
    public static boolean writable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".mtx") || name.endsWith(".mtx.gz") || name.endsWith(".npy");
    }

    /**
     * Writes the rows x cols matrix of {@code nnz} non-zeros that {@code source} streams to {@code file};
     * {@code comments} go into a Matrix Market header (one line each) and are dropped for {@code .npy}.
     */
    public static void write(Path file, int rows, int cols, long nnz, List<String> comments, ColumnSource source)
            throws IOException {
        if (!writable(file)) {
            throw new IllegalArgumentException(file + ": the name must end in .mtx, .mtx.gz or .npy");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        AtomicFiles.write(file, out -> {
            if (name.endsWith(".npy")) {
                ColumnSink sink = NpyWriter.fortranSink(out, rows, cols);
                source.writeTo(sink);
                sink.finish();
            } else if (name.endsWith(".gz")) {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                ColumnSink sink = MatrixMarketWriter.sink(gz, rows, cols, nnz, comments);
                source.writeTo(sink);
                sink.finish();
                gz.finish();
            } else {
                ColumnSink sink = MatrixMarketWriter.sink(out, rows, cols, nnz, comments);
                source.writeTo(sink);
                sink.finish();
            }
        });
    }
}
