package org.sham4j.core.format.cser;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Compressed Shared Elements Row (Wiedemann et al.): the most frequent value is implicit; in each row the
 * column indices of the other entries are grouped by shared value, so a product multiplies once per group.
 */
public final class CserFormat implements MatrixFormat {
    public static final CserFormat INSTANCE = new CserFormat();

    @Override
    public String name() {
        return "cser";
    }

    @Override
    public int id() {
        return 6;
    }

    @Override
    public String description() {
        return "compressed shared elements row: per row, int32 column indices grouped by shared value";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return CserStored.build(matrix);
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        return CserStored.read(rows, cols, in);
    }
}
