package org.sham4j.core.format.coo;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.matrix.SparseMatrix;

/** Coordinate list: an int32 row, an int32 column and a float32 value per non-zero, in column order. */
public final class CooFormat implements MatrixFormat {
    public static final CooFormat INSTANCE = new CooFormat();

    @Override
    public String name() {
        return "coo";
    }

    @Override
    public int id() {
        return 4;
    }

    @Override
    public String description() {
        return "coordinate list: int32 row and column, float32 value per non-zero";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        int nnz = matrix.nnz();
        int[] colOf = new int[nnz];
        int[] ptr = matrix.colPtr();
        for (int j = 0; j < matrix.cols(); j++) {
            java.util.Arrays.fill(colOf, ptr[j], ptr[j + 1], j);
        }
        return new CooStored(matrix.rows(), matrix.cols(), matrix.rowIdx(), colOf, matrix.values());
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        int nnz = in.readCount("non-zero count", Math.min((long) rows * cols, in.remaining() / 12));
        int[] ri = in.readInts(nnz, "row indices");
        int[] ci = in.readInts(nnz, "column indices");
        float[] v = in.readFloats(nnz, "values");
        for (int p = 0; p < nnz; p++) {
            PayloadInput.check(ri[p] >= 0 && ri[p] < rows && ci[p] >= 0 && ci[p] < cols,
                    "coordinates (" + ri[p] + ", " + ci[p] + ") outside " + rows + " x " + cols + " at entry " + p);
            boolean ordered = p == 0 || ci[p] > ci[p - 1] || (ci[p] == ci[p - 1] && ri[p] > ri[p - 1]);
            PayloadInput.check(ordered, "coordinates not in column order at entry " + p);
            PayloadInput.check(v[p] != 0f, "stored zero among coordinates at entry " + p);
        }
        return new CooStored(rows, cols, ri, ci, v);
    }
}
