package org.sham4j.core.format.dense;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** Every entry as float32, row-major: the uncompressed baseline. */
public final class DenseFormat implements MatrixFormat {
    public static final DenseFormat INSTANCE = new DenseFormat();

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public int id() {
        return 1;
    }

    @Override
    public String description() {
        return "every entry as float32, row-major (baseline)";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return new DenseStored(matrix.toDense());
    }

    /** Wraps the matrix (not copied) after turning negative zeros into zeros. */
    @Override
    public CompressedMatrix encode(DenseMatrix matrix) {
        float[] a = matrix.data();
        for (int k = 0; k < a.length; k++) {
            if (a[k] == 0f) {
                a[k] = 0f;
            }
        }
        return new DenseStored(matrix);
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        float[] data = in.readFloats(Math.toIntExact((long) rows * cols), "dense entries");
        for (int k = 0; k < data.length; k++) {
            PayloadInput.check(Float.floatToRawIntBits(data[k]) != 0x80000000, "negative zero at entry " + k
                    + " (the writer stores +0)");
        }
        return new DenseStored(new DenseMatrix(rows, cols, data));
    }
}
