package org.sham4j.core.format.ham;

import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Huffman Address Map: a canonical Huffman code over every entry, zero included, with the codewords
 * concatenated column by column into 64-bit words.
 */
public final class HamFormat implements MatrixFormat {
    public static final HamFormat INSTANCE = new HamFormat();

    @Override
    public String name() {
        return "ham";
    }

    @Override
    public int id() {
        return 7;
    }

    @Override
    public String description() {
        return "Huffman address map: canonical Huffman code of every entry, column by column";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        return HamStored.build(matrix);
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        return HamStored.read(rows, cols, in);
    }
}
