package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A Matrix Market file and a .npy file larger than the heap that reads them: a JVM of 400 MB reads a text of
 * 30 M entries (about 440 MB; its CSC arrays take 240 MB, and neither the text nor a triplet list of 360 MB would
 * fit beside them) and a .npy of 480 MB. Slow: about a minute.
 */
@Tag("slow")
class StreamingReadSlowTest {
    private static final int ROWS = 1_000_000;
    private static final int COLS = 60;
    private static final int PER_COLUMN = 500_000;

    @TempDir
    Path dir;

    /** Row i of column j holds a non-zero when (i + j) is even, valued 1.5 + (i * 7 + j) % 97. */
    private static void columns(ColumnSink sink) throws IOException {
        int[] rows = new int[PER_COLUMN];
        float[] values = new float[PER_COLUMN];
        for (int j = 0; j < COLS; j++) {
            int k = 0;
            for (int i = j % 2; i < ROWS; i += 2) {
                rows[k] = i;
                values[k++] = value(i, j);
            }
            sink.column(j, rows, values, k);
        }
        sink.finish();
    }

    private static float value(int i, int j) {
        return 1.5f + (i * 7L + j) % 97;
    }

    /** Reads a matrix and prints its non-zero count and a checksum of its entries. */
    public static void main(String[] args) throws IOException {
        SparseMatrix m = MatrixReader.read(Path.of(args[0]), null).get(0).matrix();
        long sum = 0;
        for (int j = 0; j < m.cols(); j++) {
            for (int p = m.colPtr()[j]; p < m.colPtr()[j + 1]; p++) {
                sum = sum * 31 + m.rowIdx()[p] * 131L + Float.floatToRawIntBits(m.values()[p]);
            }
        }
        System.out.println(m.nnz() + " " + sum);
    }

    private static long expectedSum() {
        long sum = 0;
        for (int j = 0; j < COLS; j++) {
            for (int i = j % 2; i < ROWS; i += 2) {
                sum = sum * 31 + i * 131L + Float.floatToRawIntBits(value(i, j));
            }
        }
        return sum;
    }

    private static String readInSmallHeap(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx400m", "-Xmn32m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), StreamingReadSlowTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void matrixMarketLargerThanTheHeapIsRead() throws Exception {
        Path file = dir.resolve("big.mtx");
        MatrixFiles.write(file, ROWS, COLS, (long) COLS * PER_COLUMN, List.of("streaming test"),
                StreamingReadSlowTest::columns);
        assertTrue(Files.size(file) > 380L << 20, Files.size(file) + " bytes");
        assertEquals(COLS * (long) PER_COLUMN + " " + expectedSum(), readInSmallHeap(file));
    }

    @Test
    void numpyLargerThanTheHeapIsRead() throws Exception {
        Path file = dir.resolve("big.npy");
        MatrixFiles.write(file, ROWS / 2, COLS * 4, 0, List.of(), sink -> {
            int[] rows = new int[ROWS / 2];
            float[] values = new float[ROWS / 2];
            for (int j = 0; j < COLS * 4; j++) {
                int k = 0;
                for (int i = j % 4; i < ROWS / 2; i += 4) {
                    rows[k] = i;
                    values[k++] = j + 1;
                }
                sink.column(j, rows, values, k);
            }
            sink.finish();
        });
        assertTrue(Files.size(file) > 380L << 20, Files.size(file) + " bytes");
        String[] out = readInSmallHeap(file).split(" ");
        long nnz = 0;
        for (int j = 0; j < COLS * 4; j++) {
            nnz += (ROWS / 2 - j % 4 + 3) / 4;
        }
        assertEquals(nnz, Long.parseLong(out[0]));
    }

}
