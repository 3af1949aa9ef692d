package org.sham4j.core.format.sham;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Sparse Huffman Address Map: a canonical Huffman code over the non-zeros only, in column order, with
 * their row indices and the column pointers, each packed at the fewest bits that hold them.
 */
public final class ShamFormat implements MatrixFormat {
    public static final ShamFormat INSTANCE = new ShamFormat();

    @Override
    public String name() {
        return "sham";
    }

    @Override
    public int id() {
        return 8;
    }

    @Override
    public String description() {
        return "sparse Huffman address map: Huffman-coded non-zeros with packed row indices and column pointers";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return ShamStored.build(matrix);
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        return ShamStored.read(rows, cols, in);
    }
}
