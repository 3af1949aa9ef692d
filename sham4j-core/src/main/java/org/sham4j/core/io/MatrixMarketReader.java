package org.sham4j.core.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sham4j.core.matrix.MatrixChecks;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.memory.MemoryBudget;
import org.sham4j.core.memory.MemoryBudgetException;

/**
 * Reads a Matrix Market file, plain or gzip-compressed (recognised by its magic bytes): {@code matrix
 * coordinate|array real|integer|pattern general|symmetric|skew-symmetric}. Coordinate entries are 1-based;
 * the stored half of a symmetric or skew-symmetric matrix is mirrored; pattern entries are 1; array values
 * are in column-major order, one per line. Values are read as doubles and rounded to float32. Messages give
 * 1-based positions, as the file does.
 *
 * <p>A file is read twice and its text is never held: the first pass checks every line and counts the non-zeros
 * of each column; then the compressed sparse column arrays are allocated once, at their final size, after the
 * memory budget has been checked; the second pass puts each entry straight into its place, and a column whose
 * rows came out of order is sorted in place. The matrix is the only copy of the data in memory.
 */
public final class MatrixMarketReader {
    private static final byte[] BANNER = "%%MatrixMarket".getBytes(StandardCharsets.US_ASCII);

    private enum Field { REAL, INTEGER, PATTERN }

    private enum Symmetry {
        GENERAL("general"), SYMMETRIC("symmetric"), SKEW_SYMMETRIC("skew-symmetric");

        final String word;

        Symmetry(String word) {
            this.word = word;
        }
    }

    /** Opens the bytes of the input anew, for each pass. */
    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    /** What a pass does with each entry (0-based; mirror images included). */
    private interface Entries {
        void add(int i, int j, float v) throws InvalidInputException;
    }

    private final LineTokenizer tok;
    private final String source;
    private boolean coordinate;
    private Field field;
    private Symmetry symmetry;
    private int rows;
    private int cols;

    private MatrixMarketReader(LineTokenizer tok, String source) {
        this.tok = tok;
        this.source = source;
    }

    /** Reads {@code file}, in two passes over it. */
    public static SparseMatrix read(Path file) throws IOException {
        return read(() -> Files.newInputStream(file), FileNames.display(file));
    }

    /**
     * Reads a stream, plain or gzip; {@code source} names it in messages. The stream is not closed. A stream
     * cannot be read twice, so its bytes (compressed, if they are) are held while the matrix is built; a file
     * given to {@link #read(Path)} is read without that.
     */
    public static SparseMatrix read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        return read(() -> new ByteArrayInputStream(bytes), source);
    }

    private static SparseMatrix read(Opener opener, String source) throws IOException {
        Counts counts;
        try (InputStream in = opener.open()) {
            MatrixMarketReader pass = open(in, source);
            counts = new Counts(source, pass.rows, pass.cols);
            pass.readEntries(counts);
        }
        Placement placement = counts.placement();
        try (InputStream in = opener.open()) {
            MatrixMarketReader pass = open(in, source);
            if (pass.rows != counts.rows || pass.cols != counts.cols) {
                throw changed(source);
            }
            pass.readEntries(placement);
        }
        return placement.matrix();
    }

    private static InvalidInputException changed(String source) {
        return new InvalidInputException(source + ": the file changed while it was being read");
    }

    /** Whether a file starting with {@code head} is one this reader takes: gzip or a Matrix Market banner. */
    static boolean recognises(byte[] head) {
        return isGzip(head) || head.length >= BANNER.length
                && Arrays.equals(head, 0, BANNER.length, BANNER, 0, BANNER.length);
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** A pass over a stream, its header read: positioned at the first entry. */
    private static MatrixMarketReader open(InputStream raw, String source) throws IOException {
        PushbackInputStream head = new PushbackInputStream(raw, 2);
        byte[] magic = head.readNBytes(2);
        head.unread(magic);
        InputStream text = head;
        if (isGzip(magic)) {
            try {
                text = new GZIPInputStream(head, 1 << 16);
            } catch (EOFException | ZipException e) {
                throw new InvalidInputException(source + ": corrupt or truncated gzip data (" + e.getMessage() + ")");
            }
        }
        MatrixMarketReader r = new MatrixMarketReader(new LineTokenizer(text, source), source);
        r.readHeader();
        return r;
    }

    private void readHeader() throws IOException {
        readBanner();
        if (!tok.nextDataLine()) {
            throw tok.error("missing size line");
        }
        long r = sizeNumber("number of rows");
        long c = sizeNumber("number of columns");
        InputChecks.shape(source, r, c);
        rows = (int) r;
        cols = (int) c;
        if (symmetry != Symmetry.GENERAL && rows != cols) {
            throw tok.error("a " + symmetry.word + " matrix must be square, not " + rows + "x" + cols);
        }
    }

    private void readEntries(Entries entries) throws IOException {
        if (coordinate) {
            readCoordinate(entries);
        } else {
            readArray(entries);
        }
        if (tok.nextDataLine()) {
            throw tok.error("unexpected data after the entries announced by the size line");
        }
    }

    /** The first pass: every entry checked, each column's non-zeros counted. */
    private static final class Counts implements Entries {
        final String source;
        final int rows;
        final int cols;
        final int[] colPtr;
        long nnz;

        Counts(String source, int rows, int cols) throws InvalidInputException {
            this.source = source;
            this.rows = rows;
            this.cols = cols;
            budget(4L * cols + 4, "the column pointers");
            this.colPtr = new int[cols + 1];
        }

        private void budget(long bytes, String what) throws MemoryBudgetException {
            try {
                MemoryBudget.check(bytes, () -> what + " of a " + rows + " x " + cols + " matrix");
            } catch (MemoryBudgetException e) {
                throw new MemoryBudgetException(source + ": " + e.getMessage());
            }
        }

        @Override
        public void add(int i, int j, float v) throws InvalidInputException {
            if (v != 0f) {
                if (++nnz > MatrixChecks.MAX_ENTRIES) {
                    throw new InvalidInputException(source + ": more than the " + MatrixChecks.MAX_ENTRIES
                            + " non-zeros a matrix holds");
                }
                colPtr[j + 1]++;
            }
        }

        /** The arrays of the matrix, at their final size, once the budget allows them. */
        Placement placement() throws InvalidInputException {
            for (int j = 0; j < cols; j++) {
                colPtr[j + 1] += colPtr[j];
            }
            budget(MemoryBudget.bytes(nnz, Integer.BYTES + Float.BYTES) + 4L * cols,
                    "the " + nnz + " non-zeros");
            return new Placement(source, rows, colPtr);
        }
    }

    /** The second pass: each entry put in its place, in file order. */
    private static final class Placement implements Entries {
        final String source;
        final int rows;
        final int[] colPtr;
        final int[] next;
        final int[] rowIdx;
        final float[] values;

        Placement(String source, int rows, int[] colPtr) {
            this.source = source;
            this.rows = rows;
            this.colPtr = colPtr;
            int cols = colPtr.length - 1;
            next = Arrays.copyOf(colPtr, cols);
            rowIdx = new int[colPtr[cols]];
            values = new float[colPtr[cols]];
        }

        @Override
        public void add(int i, int j, float v) throws InvalidInputException {
            if (v == 0f) {
                return;
            }
            int p = next[j]++;
            if (p >= colPtr[j + 1]) {
                throw changed(source);
            }
            rowIdx[p] = i;
            values[p] = v;
        }

        /** The matrix, its columns sorted by row where the file had them out of order. */
        SparseMatrix matrix() throws InvalidInputException {
            for (int j = 0; j < next.length; j++) {
                if (next[j] != colPtr[j + 1]) {
                    throw changed(source);
                }
            }
            try {
                return SparseMatrix.ofCscSorting(rows, next.length, colPtr, rowIdx, values);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source + ": " + e.getMessage() + " (0-based row, column)");
            }
        }
    }

    private void readBanner() throws IOException {
        if (!tok.hasToken()) {
            throw notMatrixMarket();
        }
        tok.readToken("banner");
        if (!tok.tokenText().equalsIgnoreCase("%%MatrixMarket")) {
            throw notMatrixMarket();
        }
        String object = word("object");
        if (!object.equals("matrix")) {
            throw tok.error("object " + FileNames.quote(object) + " is not supported, only 'matrix'");
        }
        String format = word("format");
        switch (format) {
            case "coordinate" -> coordinate = true;
            case "array" -> coordinate = false;
            default -> throw tok.error("format " + FileNames.quote(format) + " is not 'coordinate' or 'array'");
        }
        String fieldWord = word("field");
        field = switch (fieldWord) {
            case "real", "double" -> Field.REAL;
            case "integer" -> Field.INTEGER;
            case "pattern" -> Field.PATTERN;
            case "complex" -> throw tok.error("complex matrices are not supported");
            default -> throw tok.error("field " + FileNames.quote(fieldWord)
                    + " is not 'real', 'integer' or 'pattern'");
        };
        String symmetryWord = word("symmetry");
        symmetry = switch (symmetryWord) {
            case "general" -> Symmetry.GENERAL;
            case "symmetric" -> Symmetry.SYMMETRIC;
            case "skew-symmetric" -> Symmetry.SKEW_SYMMETRIC;
            case "hermitian" -> throw tok.error("hermitian matrices are not supported (they are complex)");
            default -> throw tok.error("symmetry " + FileNames.quote(symmetryWord)
                    + " is not 'general', 'symmetric' or 'skew-symmetric'");
        };
        if (field == Field.PATTERN && !coordinate) {
            throw tok.error("a pattern matrix must be in coordinate format");
        }
    }

    private InvalidInputException notMatrixMarket() {
        return new InvalidInputException(source
                + ": not a Matrix Market file (the first line must start with %%MatrixMarket)");
    }

    private String word(String what) throws IOException {
        tok.readToken(what + " in the banner");
        return tok.tokenText().toLowerCase(Locale.ROOT);
    }

    private long sizeNumber(String what) throws IOException {
        tok.readToken(what);
        long v = tok.tokenLong(what);
        if (v < 0) {
            throw tok.error(what + " " + v + " is negative");
        }
        return v;
    }

    /** Entries the file may store: all, or one triangle (with or without the diagonal) when mirrored. */
    private long storedEntries() {
        long n = rows;
        return switch (symmetry) {
            case GENERAL -> n * cols;
            case SYMMETRIC -> n * (n + 1) / 2;
            case SKEW_SYMMETRIC -> n * (n - 1) / 2;
        };
    }

    private void readCoordinate(Entries entries) throws IOException {
        long claimed = sizeNumber("number of entries");
        long most = storedEntries();
        if (claimed > most) {
            throw tok.error("the size line claims " + claimed + " entries, a " + symmetry.word + " " + rows + "x"
                    + cols + " matrix stores at most " + most);
        }
        for (long k = 0; k < claimed; k++) {
            if (!tok.nextDataLine()) {
                throw tok.error("the file ends after " + k + " of " + claimed + " entries");
            }
            int i = index("row", rows);
            int j = index("column", cols);
            store(entries, i, j, field == Field.PATTERN ? 1f : value(i, j));
        }
    }

    private void readArray(Entries entries) throws IOException {
        long count = storedEntries();
        long k = 0;
        for (int j = 1; j <= cols; j++) {
            int first = switch (symmetry) {
                case GENERAL -> 1;
                case SYMMETRIC -> j;
                case SKEW_SYMMETRIC -> j + 1;
            };
            for (int i = first; i <= rows; i++, k++) {
                if (!tok.nextDataLine()) {
                    throw tok.error("the file ends after " + k + " of " + count + " values");
                }
                store(entries, i, j, value(i, j));
            }
        }
    }

    private int index(String what, int limit) throws IOException {
        tok.readToken(what + " index");
        long v = tok.tokenLong(what + " index");
        if (v < 1 || v > limit) {
            throw tok.error(what + " index " + v + " outside 1.." + limit);
        }
        return (int) v;
    }

    private float value(int i, int j) throws IOException {
        tok.readToken("value");
        double v = field == Field.INTEGER ? tok.tokenLong("value") : tok.tokenDouble();
        float f = (float) v;
        if (!Float.isFinite(f)) {
            throw InputChecks.notFinite(tok.where(), v, i, j);
        }
        return f;
    }

    /** Stores 1-based entry (i, j) and its mirror image. */
    private void store(Entries entries, int i, int j, float v) throws InvalidInputException {
        if (i == j && symmetry == Symmetry.SKEW_SYMMETRIC) {
            throw tok.error("diagonal entry (" + i + ", " + j + ") in a skew-symmetric matrix");
        }
        entries.add(i - 1, j - 1, v);
        if (i != j && symmetry != Symmetry.GENERAL) {
            entries.add(j - 1, i - 1, symmetry == Symmetry.SKEW_SYMMETRIC ? -v : v);
        }
    }
}
