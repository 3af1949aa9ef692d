package org.sham4j.core.format.gsham;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Gap-coded sHAM, sham4j's own format: the positions of the non-zeros are coded as Huffman-coded gaps
 * between consecutive non-zeros in column order, interleaved with the Huffman-coded values, so its size
 * approaches log2 C(nm, nnz) + nnz H0(values) plus the codebook.
 */
public final class GshamFormat implements MatrixFormat {
    public static final GshamFormat INSTANCE = new GshamFormat();

    @Override
    public String name() {
        return "gsham";
    }

    @Override
    public int id() {
        return 9;
    }

    @Override
    public String description() {
        return "gap-coded sHAM: Huffman-coded gaps between non-zeros and Huffman-coded values in one stream";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return GshamStored.build(matrix);
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        return GshamStored.read(rows, cols, in);
    }
}
