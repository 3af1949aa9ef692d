package org.sham4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Reads a 2-D float array from a NumPy {@code .npy} file: dtype float16, float32 or float64 of either byte
 * order, C or Fortran order. Values are rounded to float32; NaN and infinities are refused. Messages give
 * 0-based positions, as NumPy does.
 */
public final class NpyReader {
    private static final int CHUNK = 1 << 16;
    private static final int INITIAL_LIMIT = 1 << 20;

    private NpyReader() {
    }

    /** Reads {@code file}, whose array is named after the file in messages. */
    public static SparseMatrix read(Path file) throws IOException {
        String source = FileNames.display(file);
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            NpyHeader header = NpyHeader.read(in, source);
            requireMatrix(header, source, FileNames.stem(file));
            return readData(in, header, source, size - header.dataOffset());
        }
    }

    /** Refuses an array that is not a 2-D float array, naming {@code array} of {@code source}. */
    static void requireMatrix(NpyHeader header, String source, String array) throws InvalidInputException {
        Optional<String> problem = header.matrixProblem();
        if (problem.isPresent()) {
            throw new InvalidInputException(source + ": array '" + array + "' " + problem.get());
        }
    }

    /**
     * Reads the data that follows {@code header} (a 2-D float array) to its end. {@code available} is the
     * number of bytes left in a file, checked before anything is allocated, or -1 for a stream of unknown
     * length, in which case the arrays grow only as data arrives and the stream must end with the data.
     */
    static SparseMatrix readData(InputStream in, NpyHeader header, String source, long available)
            throws IOException {
        long rows = header.shape()[0];
        long cols = header.shape()[1];
        InputChecks.shape(source, rows, cols);
        int item = header.floatSize();
        long count = rows * cols;
        long bytes = count * item;
        String needs = "shape " + header.shapeText() + " of '" + header.descr() + "' needs " + bytes + " bytes";
        if (available >= 0 && available != bytes) {
            throw new InvalidInputException(source + ": the file holds " + available + " bytes of data, " + needs);
        }
        float[] data = new float[(int) (available >= 0 ? count : Math.min(count, INITIAL_LIMIT))];
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(header.order());
        int k = 0;
        while (k < count) {
            int want = (int) Math.min(CHUNK, (count - k) * item);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new InvalidInputException(source + ": data ends after " + ((long) k * item + got) + " bytes, "
                        + needs);
            }
            if (k + want / item > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(count, Math.max(2L * data.length, k + want / item)));
            }
            for (int p = 0; p < want; p += item, k++) {
                double v = item == 4 ? buffer.getFloat(p)
                        : item == 8 ? buffer.getDouble(p) : halfToFloat(buffer.getShort(p));
                float f = (float) v;
                if (!Float.isFinite(f)) {
                    throw notFinite(source, v, k, header);
                }
                data[k] = f;
            }
        }
        if (available < 0 && in.read() >= 0) {
            throw new InvalidInputException(source + ": data goes on after the end, " + needs);
        }
        if (header.fortranOrder()) {
            return SparseMatrix.fromDense(new DenseMatrix((int) cols, (int) rows, data)).transpose();
        }
        return SparseMatrix.fromDense(new DenseMatrix((int) rows, (int) cols, data));
    }

    private static InvalidInputException notFinite(String source, double v, int k, NpyHeader header) {
        long rows = header.shape()[0];
        long cols = header.shape()[1];
        long i = header.fortranOrder() ? k % rows : k / cols;
        long j = header.fortranOrder() ? k / rows : k % cols;
        return InputChecks.notFinite(source, v, i, j);
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
