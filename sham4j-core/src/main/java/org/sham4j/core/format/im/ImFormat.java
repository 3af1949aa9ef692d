package org.sham4j.core.format.im;

import java.io.IOException;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Index map: a codebook of the k distinct values (zero included) and, for every entry in column order, its
 * index into the codebook at the fewest bits that hold k.
 */
public final class ImFormat implements MatrixFormat {
    public static final ImFormat INSTANCE = new ImFormat();

    @Override
    public String name() {
        return "im";
    }

    @Override
    public int id() {
        return 5;
    }

    @Override
    public String description() {
        return "index map: codebook plus a ceil(log2 k)-bit index per entry";
    }

    @Override
    public CompressedMatrix encode(SparseMatrix matrix) {
        ValueAlphabet alphabet = ValueAlphabet.of(matrix.values(), matrix.nnz(), matrix.entries() - matrix.nnz());
        return ImStored.build(matrix, alphabet);
    }

    @Override
    public CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        int k = in.readCount("codebook size", Math.min(entries, in.remaining() / 4));
        float[] codebook = in.readFloats(k, "codebook");
        ValueAlphabet.checkCodebook(codebook, "codebook");
        int width = Bits.indexBits(k);
        long[] words = in.readBits(entries * width, "indices");
        boolean[] used = new boolean[k];
        int unused = k > 1 ? k : 0;
        for (long e = 0; e < entries && width > 0; e++) {
            long index = Bits.read(words, e * width, width);
            PayloadInput.check(index < k, "index out of codebook at entry " + e);
            if (!used[(int) index]) {
                used[(int) index] = true;
                unused--;
            }
        }
        PayloadInput.check(unused == 0, "a codebook value is never used");
        PayloadInput.check(k > 0 || entries == 0, "empty codebook for a non-empty matrix");
        return ImStored.ofColumnOrder(rows, cols, codebook, width, words);
    }
}
