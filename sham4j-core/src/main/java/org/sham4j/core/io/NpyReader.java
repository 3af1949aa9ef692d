package org.sham4j.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.memory.MemoryBudget;
import org.sham4j.core.memory.MemoryBudgetException;

/**
 * Reads a 2-D float array from a NumPy {@code .npy} file: dtype float16, float32 or float64 of either byte
 * order, C or Fortran order. Values are rounded to float32; NaN and infinities are refused. Messages give
 * 0-based positions, as NumPy does.
 */
public final class NpyReader {
    private static final int CHUNK = 1 << 16;

    private NpyReader() {
    }

    /** Opens the data of an array anew, positioned at its first byte, for each pass. */
    @FunctionalInterface
    interface DataOpener {
        InputStream open() throws IOException;
    }

    /** What a pass does with each non-zero entry. */
    private interface Entries {
        void add(int i, int j, float v);
    }

    /** Reads {@code file}, whose array is named after the file in messages, in two passes over its data. */
    public static SparseMatrix read(Path file) throws IOException {
        String source = FileNames.display(file);
        long size = Files.size(file);
        NpyHeader header;
        try (InputStream in = Files.newInputStream(file)) {
            header = NpyHeader.read(in, source);
        }
        requireMatrix(header, source, FileNames.stem(file));
        return readData(() -> {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
            in.skipNBytes(header.dataOffset());
            return in;
        }, header, source, size - header.dataOffset());
    }

    /** Refuses an array that is not a 2-D float array, naming {@code array} of {@code source}. */
    static void requireMatrix(NpyHeader header, String source, String array) throws InvalidInputException {
        Optional<String> problem = header.matrixProblem();
        if (problem.isPresent()) {
            throw new InvalidInputException(source + ": array '" + array + "' " + problem.get());
        }
    }

    /**
     * Reads the data that follows {@code header} (a 2-D float array) to its end, in two passes, neither of which
     * holds more than a chunk of it: the first checks every value and counts each column's non-zeros, the second
     * puts them in the compressed sparse column arrays, allocated at their final size once the memory budget
     * allows. {@code available} is the number of bytes of data in a file, checked before anything is read, or -1
     * for a stream of unknown length, which must then end with the data.
     */
    static SparseMatrix readData(DataOpener opener, NpyHeader header, String source, long available)
            throws IOException {
        long rows = header.shape()[0];
        long cols = header.shape()[1];
        InputChecks.shape(source, rows, cols);
        int item = header.floatSize();
        long bytes = rows * cols * item;
        if (available >= 0 && available != bytes) {
            throw new InvalidInputException(source + ": the file holds " + available + " bytes of data, "
                    + needs(header));
        }
        budget(source, 4 * cols + 4, "the column pointers of a " + header.shapeText() + " array");
        int[] colPtr = new int[(int) cols + 1];
        long nnz = pass(opener, header, source, available < 0, (i, j, v) -> colPtr[j + 1]++);
        for (int j = 0; j < cols; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        budget(source, 8 * nnz + 4 * cols, "the " + nnz + " non-zeros of a " + header.shapeText() + " array");
        int[] next = Arrays.copyOf(colPtr, (int) cols);
        int[] rowIdx = new int[(int) nnz];
        float[] values = new float[(int) nnz];
        long again = pass(opener, header, source, false, (i, j, v) -> {
            int p = next[j]++;
            if (p < rowIdx.length) {
                rowIdx[p] = i;
                values[p] = v;
            }
        });
        for (int j = 0; j < cols; j++) {
            if (again != nnz || next[j] != colPtr[j + 1]) {
                throw new InvalidInputException(source + ": the data changed while it was being read");
            }
        }
        return SparseMatrix.ofCsc((int) rows, (int) cols, colPtr, rowIdx, values);
    }

    private static String needs(NpyHeader header) {
        return "shape " + header.shapeText() + " of '" + header.descr() + "' needs "
                + header.shape()[0] * header.shape()[1] * header.floatSize() + " bytes";
    }

    private static void budget(String source, long bytes, String what) throws MemoryBudgetException {
        try {
            MemoryBudget.check(bytes, () -> what);
        } catch (MemoryBudgetException e) {
            throw new MemoryBudgetException(source + ": " + e.getMessage());
        }
    }

    /**
     * One pass over the data: every value checked, each non-zero given to {@code entries} with its row and
     * column, in file order (C order by rows, Fortran order by columns); returns the number of non-zeros.
     */
    private static long pass(DataOpener opener, NpyHeader header, String source, boolean checkEnd, Entries entries)
            throws IOException {
        int rows = (int) header.shape()[0];
        int cols = (int) header.shape()[1];
        boolean fortran = header.fortranOrder();
        int item = header.floatSize();
        long count = (long) rows * cols;
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(header.order());
        long nnz = 0;
        int i = 0;
        int j = 0;
        try (InputStream in = opener.open()) {
            for (long k = 0; k < count; ) {
                int want = (int) Math.min(CHUNK, (count - k) * item);
                int got = in.readNBytes(chunk, 0, want);
                if (got < want) {
                    throw new InvalidInputException(source + ": data ends after " + (k * item + got) + " bytes, "
                            + needs(header));
                }
                for (int p = 0; p < want; p += item, k++) {
                    double v = item == 4 ? buffer.getFloat(p)
                            : item == 8 ? buffer.getDouble(p) : halfToFloat(buffer.getShort(p));
                    float f = (float) v;
                    if (f != 0f) {
                        if (!Float.isFinite(f)) {
                            throw InputChecks.notFinite(source, v, i, j);
                        }
                        entries.add(i, j, f);
                        nnz++;
                    }
                    if (fortran) {
                        if (++i == rows) {
                            i = 0;
                            j++;
                        }
                    } else if (++j == cols) {
                        j = 0;
                        i++;
                    }
                }
            }
            if (checkEnd && in.read() >= 0) {
                throw new InvalidInputException(source + ": data goes on after the end, " + needs(header));
            }
        }
        return nnz;
    }

    /** IEEE 754 binary16 to float (exact). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = bits >>> 10 & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
