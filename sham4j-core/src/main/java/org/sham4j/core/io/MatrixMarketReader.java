package org.sham4j.core.io;

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
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Reads a Matrix Market file, plain or gzip-compressed (recognised by its magic bytes): {@code matrix
 * coordinate|array real|integer|pattern general|symmetric|skew-symmetric}. Coordinate entries are 1-based;
 * the stored half of a symmetric or skew-symmetric matrix is mirrored; pattern entries are 1; array values
 * are in column-major order, one per line. Values are read as doubles and rounded to float32. Messages give
 * 1-based positions, as the file does.
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

    /** Reads {@code file}. */
    public static SparseMatrix read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, FileNames.display(file));
        }
    }

    /** Reads a stream, plain or gzip; {@code source} names it in messages. The stream is not closed. */
    public static SparseMatrix read(InputStream in, String source) throws IOException {
        PushbackInputStream head = new PushbackInputStream(in, 2);
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
        return new MatrixMarketReader(new LineTokenizer(text, source), source).read();
    }

    /** Whether a file starting with {@code head} is one this reader takes: gzip or a Matrix Market banner. */
    static boolean recognises(byte[] head) {
        return isGzip(head) || head.length >= BANNER.length
                && Arrays.equals(head, 0, BANNER.length, BANNER, 0, BANNER.length);
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    private SparseMatrix read() throws IOException {
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
        SparseMatrix m = coordinate ? readCoordinate() : readArray();
        if (tok.nextDataLine()) {
            throw tok.error("unexpected data after the entries announced by the size line");
        }
        return m;
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

    private SparseMatrix readCoordinate() throws IOException {
        long claimed = sizeNumber("number of entries");
        long most = storedEntries();
        if (claimed > most) {
            throw tok.error("the size line claims " + claimed + " entries, a " + symmetry.word + " " + rows + "x"
                    + cols + " matrix stores at most " + most);
        }
        TripletBuffer entries = new TripletBuffer(claimed);
        for (long k = 0; k < claimed; k++) {
            if (!tok.nextDataLine()) {
                throw tok.error("the file ends after " + k + " of " + claimed + " entries");
            }
            int i = index("row", rows);
            int j = index("column", cols);
            store(entries, i, j, field == Field.PATTERN ? 1f : value(i, j));
        }
        return entries.toMatrix(source, rows, cols);
    }

    private SparseMatrix readArray() throws IOException {
        long count = storedEntries();
        TripletBuffer entries = new TripletBuffer(count);
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
        return entries.toMatrix(source, rows, cols);
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
    private void store(TripletBuffer entries, int i, int j, float v) throws InvalidInputException {
        if (i == j && symmetry == Symmetry.SKEW_SYMMETRIC) {
            throw tok.error("diagonal entry (" + i + ", " + j + ") in a skew-symmetric matrix");
        }
        entries.add(i - 1, j - 1, v);
        if (i != j && symmetry != Symmetry.GENERAL) {
            entries.add(j - 1, i - 1, symmetry == Symmetry.SKEW_SYMMETRIC ? -v : v);
        }
    }
}
