package org.sham4j.core.format.csr;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.SparseArrays;
import org.sham4j.core.matrix.SparseMatrix;

/** Compressed sparse row: int32 row pointers and column indices, float32 values. */
public final class CsrFormat implements MatrixFormat {
    public static final CsrFormat INSTANCE = new CsrFormat();

    @Override
    public String name() {
        return "csr";
    }

    @Override
    public int id() {
        return 3;
    }

    @Override
    public String description() {
        return "compressed sparse row: int32 pointers and column indices, float32 values";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return new CsrStored(matrix.transpose());
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        return new CsrStored(SparseArrays.read(in, cols, rows));
    }
}
