package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sham4j.core.io.IoFixtures.assertInvalid;
import static org.sham4j.core.io.IoFixtures.cut;
import static org.sham4j.core.io.IoFixtures.gzip;
import static org.sham4j.core.io.IoFixtures.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sham4j.core.memory.MemoryBudgetException;
import org.sham4j.core.matrix.SparseMatrix;

class MatrixMarketReaderTest {
    @TempDir
    Path dir;

    private SparseMatrix read(String text) throws IOException {
        return MatrixMarketReader.read(write(dir, "m.mtx", text));
    }

    private void assertRefused(String text, String... words) {
        assertInvalid(() -> read(text), words);
    }

    private static void assertDense(float[][] expected, SparseMatrix m) {
        assertEquals(expected.length, m.rows());
        assertEquals(expected[0].length, m.cols());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertEquals(expected[i][j], m.toDense().get(i, j), "entry (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void coordinateGeneralIsOneBasedInAnyOrder() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate real general\n"
                + "% a comment\n"
                + "%\n"
                + "\n"
                + "3 4 5\n"
                + "3 4 -2.5\n"
                + "1 1 1e-3\n"
                + "2 3 0.1\n"
                + "  1\t4   7  \n"
                + "3 1 -0\n");
        assertDense(new float[][] {{1e-3f, 0, 0, 7}, {0, 0, 0.1f, 0}, {0, 0, 0, -2.5f}}, m);
        assertEquals(4, m.nnz(), "negative zero is not stored");
    }

    @Test
    void symmetricMirrorsOffDiagonalEntries() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate real symmetric\n3 3 3\n1 1 2\n3 1 5\n3 2 -1\n");
        assertDense(new float[][] {{2, 0, 5}, {0, 0, -1}, {5, -1, 0}}, m);
    }

    @Test
    void skewSymmetricMirrorsWithOppositeSign() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 2\n2 1 4\n3 2 1.5\n");
        assertDense(new float[][] {{0, -4, 0}, {4, 0, -1.5f}, {0, 1.5f, 0}}, m);
    }

    @Test
    void patternEntriesAreOne() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate pattern general\n2 3 3\n1 1\n2 3\n1 2\n");
        assertDense(new float[][] {{1, 1, 0}, {0, 0, 1}}, m);
    }

    @Test
    void patternSymmetric() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate pattern symmetric\n2 2 2\n1 1\n2 1\n");
        assertDense(new float[][] {{1, 1}, {1, 0}}, m);
    }

    @Test
    void integerField() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate integer general\r\n2 2 2\r\n1 2 -7\r\n2 1 16777217\r\n");
        assertDense(new float[][] {{0, -7}, {16777216f, 0}}, m);
    }

    @Test
    void arrayIsColumnMajor() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix array real general\n2 3\n1\n2\n0\n4\n5.5\n-6\n");
        assertDense(new float[][] {{1, 0, 5.5f}, {2, 4, -6}}, m);
    }

    @Test
    void arraySymmetricHoldsTheLowerTriangle() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n");
        assertDense(new float[][] {{1, 2, 3}, {2, 4, 5}, {3, 5, 6}}, m);
    }

    @Test
    void arraySkewSymmetricHoldsTheStrictLowerTriangle() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n");
        assertDense(new float[][] {{0, -1, -2}, {1, 0, -3}, {2, 3, 0}}, m);
    }

    @Test
    void valuesAreParsedAsDoublesThenRoundedToFloat() throws IOException {
        String[] tokens = {"0.1", "3.4028234663852886e38", "1.401298464324817e-45", "-123456789.123456789e-3",
            "0.333333333333333333333333333", "1E5", "+2.", ".5"};
        StringBuilder text = new StringBuilder("%%MatrixMarket matrix array real general\n" + tokens.length + " 1\n");
        for (String t : tokens) {
            text.append(t).append('\n');
        }
        SparseMatrix m = read(text.toString());
        for (int k = 0; k < tokens.length; k++) {
            assertEquals((float) Double.parseDouble(tokens[k]), m.toDense().get(k, 0), tokens[k]);
        }
    }

    @Test
    void gzipIsRecognisedByMagicBytes() throws IOException {
        String text = "%%MatrixMarket matrix coordinate real general\n2 2 1\n2 2 3\n";
        SparseMatrix m = MatrixMarketReader.read(write(dir, "plain-name.mtx", gzip(text)));
        assertDense(new float[][] {{0, 0}, {0, 3}}, m);
    }

    @Test
    void emptyMatrix() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate real general\n4 5 0\n");
        assertEquals(4, m.rows());
        assertEquals(5, m.cols());
        assertEquals(0, m.nnz());
    }

    @Test
    void rowOutOfRangeNamesFileLineAndRange() {
        Path file = write(dir, "orsreg_1.mtx.gz", gzip("%%MatrixMarket matrix coordinate real general\n"
                + "2205 2205 2\n1 1 1\n2300 5 1\n"));
        InvalidInputException e = assertInvalid(() -> MatrixMarketReader.read(file));
        assertEquals("orsreg_1.mtx.gz: line 4: row index 2300 outside 1..2205", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "column out of range | 2 2 1\\n1 3 1\\n | line 3,column index 3 outside 1..2",
        "index zero | 2 2 1\\n0 1 1\\n | line 3,row index 0 outside 1..2",
        "missing entries | 2 2 3\\n1 1 1\\n2 2 1\\n | line 5,ends after 2 of 3 entries",
        "missing value | 2 2 1\\n1 1\\n | line 3,missing value",
        "extra entries | 2 2 1\\n1 1 1\\n2 2 2\\n | line 4,unexpected data after the entries",
        "extra token | 2 2 1\\n1 1 1 9\\n | line 3,unexpected '9'",
        "non-numeric value | 2 2 1\\n1 1 abc\\n | line 3,'abc' is not a number",
        "half a number | 2 2 1\\n1 1 1.5x\\n | line 3,'1.5x' is not a number",
        "non-integer index | 2 2 1\\n1.0 1 1\\n | line 3,row index '1.0' is not an integer",
        "NaN | 2 2 1\\n2 1 nan\\n | line 3,NaN at (2, 1)",
        "infinity | 2 2 1\\n1 2 -Inf\\n | line 3,infinite value at (1, 2)",
        "float overflow | 2 2 1\\n1 2 1e39\\n | line 3,too large for float32,(1, 2)",
        "duplicate | 2 2 2\\n1 2 1\\n1 2 3\\n | m.mtx,duplicate entry (0, 1)",
        "too many entries claimed | 2 2 5\\n | line 2,claims 5 entries,at most 4",
        "negative size | -2 2 0\\n | line 2,number of rows -2 is negative",
        "shape too large | 100000 100000 0\\n | m.mtx,shape 100000x100000 has more than",
        "size overflow | 99999999999999999999 2 0\\n | line 2,'99999999999999999999' is not an integer",
        "missing size line | % only a comment\\n | missing size line",
        "missing column count | 5\\n | line 2,missing number of columns",
    })
    void malformedCoordinateFilesAreRefused(String name, String body, String words) {
        assertRefused("%%MatrixMarket matrix coordinate real general\n" + body.replace("\\n", "\n"),
                words.split(","));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no banner | 2 2 0\\n | m.mtx,not a Matrix Market file",
        "complex | %%MatrixMarket matrix coordinate complex general\\n | line 1,complex matrices are not supported",
        "hermitian | %%MatrixMarket matrix coordinate real hermitian\\n | line 1,hermitian,not supported",
        "vector | %%MatrixMarket vector coordinate real general\\n | line 1,object 'vector'",
        "bad format | %%MatrixMarket matrix dense real general\\n | line 1,format 'dense'",
        "short banner | %%MatrixMarket matrix coordinate\\n | line 1,missing field",
        "pattern array | %%MatrixMarket matrix array pattern general\\n | line 1,pattern,coordinate",
        "symmetric not square | %%MatrixMarket matrix coordinate real symmetric\\n2 3 0\\n | line 2,square,2x3",
        "skew diagonal | %%MatrixMarket matrix coordinate real skew-symmetric\\n2 2 1\\n1 1 1\\n"
                + " | line 3,diagonal entry (1, 1)",
        "array missing values | %%MatrixMarket matrix array real general\\n2 2\\n1\\n2\\n3\\n"
                + " | line 6,ends after 3 of 4 values",
        "array NaN | %%MatrixMarket matrix array real general\\n2 2\\n1\\n2\\nNaN\\n4\\n | line 5,NaN at (1, 2)",
    })
    void malformedHeadersAreRefused(String name, String text, String words) {
        assertRefused(text.replace("\\n", "\n"), words.split(","));
    }

    @Test
    void overlongTokenIsRefused() {
        assertRefused("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 " + "1".repeat(5000) + "\n",
                "line 3", "too long");
    }

    @Test
    void forgedColumnCountDoesNotExhaustMemory() {
        MemoryBudgetException e = assertThrows(MemoryBudgetException.class,
                () -> read("%%MatrixMarket matrix coordinate real general\n1 2147483000 0\n"));
        assertTrue(e.getMessage().startsWith("m.mtx: needs 8.6 GB for the column pointers"), e.getMessage());
    }

    @Test
    void forgedEntryCountAllocatesOnlyWhatIsRead() {
        assertRefused("%%MatrixMarket matrix coordinate real general\n46000 46000 2000000000\n1 1 1\n",
                "line 4", "ends after 1 of 2000000000 entries");
    }

    @Test
    void truncatedGzipIsRefused() {
        StringBuilder text = new StringBuilder("%%MatrixMarket matrix coordinate real general\n1000 1000 1000\n");
        for (int k = 1; k <= 1000; k++) {
            text.append(k).append(' ').append(1001 - k).append(' ').append(k * 0.37).append('\n');
        }
        byte[] gz = gzip(text.toString());
        Path file = write(dir, "cut.mtx.gz", cut(gz, gz.length / 2));
        assertInvalid(() -> MatrixMarketReader.read(file), "cut.mtx.gz: line ", "corrupt or truncated");
        Path tiny = write(dir, "tiny.mtx.gz", cut(gz, 5));
        assertInvalid(() -> MatrixMarketReader.read(tiny), "tiny.mtx.gz", "corrupt or truncated gzip");
    }

    @Test
    void corruptGzipIsRefused() {
        byte[] gz = gzip("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n".repeat(50));
        for (int k = 12; k < gz.length - 8; k++) {
            gz[k] = (byte) ~gz[k];
        }
        Path file = write(dir, "bad.mtx.gz", gz);
        assertInvalid(() -> MatrixMarketReader.read(file), "bad.mtx.gz");
    }

    @Test
    void symmetricDuplicateThroughMirrorIsRefused() {
        assertRefused("%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n2 1 1\n1 2 1\n", "duplicate entry");
    }

    @Test
    void entriesAreSortedWithinColumns() throws IOException {
        SparseMatrix m = read("%%MatrixMarket matrix coordinate real general\n4 1 3\n4 1 4\n1 1 1\n3 1 3\n");
        assertArrayEquals(new int[] {0, 2, 3}, m.rowIdx());
        assertArrayEquals(new float[] {1, 3, 4}, m.values());
    }
}
