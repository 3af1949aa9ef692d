package org.sham4j.core.format.csc;

import java.io.IOException;
import java.util.Optional;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.SparseArrays;
import org.sham4j.core.matrix.SparseMatrix;

/** Compressed sparse column: int32 column pointers and row indices, float32 values. */
public final class CscFormat implements MatrixFormat {
    public static final CscFormat INSTANCE = new CscFormat();

    @Override
    public String name() {
        return "csc";
    }

    @Override
    public int id() {
        return 2;
    }

    @Override
    public String description() {
        return "compressed sparse column: int32 pointers and row indices, float32 values";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return new CscStored(matrix);
    }

    /**
     * The columns of a matrix stored in this format, as stored (not copied, not to be modified), for products
     * that run on them directly (the model runtime's); empty for a matrix in any other format.
     */
    public static Optional<SparseMatrix> columns(CompressedMatrix m) {
        return m instanceof CscStored s ? Optional.of(s.matrix()) : Optional.empty();
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        return new CscStored(SparseArrays.read(in, rows, cols));
    }
}
