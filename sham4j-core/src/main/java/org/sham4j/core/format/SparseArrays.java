package org.sham4j.core.format;

import java.io.IOException;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * The plain compressed-sparse layout shared by CSC and CSR: nnz, int32 pointers, int32 indices and float32
 * values. CSR stores the transpose's CSC.
 */
public final class SparseArrays {
    private SparseArrays() {
    }

    /** Writes nnz (header), pointers and indices (indices) and values (payload). */
    public static void write(PayloadOutput out, SparseMatrix m) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(m.nnz());
        out.part(SizeBreakdown.INDICES);
        out.writeInts(m.colPtr(), 0, m.cols() + 1);
        out.writeInts(m.rowIdx(), 0, m.nnz());
        out.part(SizeBreakdown.PAYLOAD);
        out.writeFloats(m.values(), 0, m.nnz());
    }

    /** Reads what {@link #write} wrote for a rows x cols matrix, validating every index. */
    public static SparseMatrix read(PayloadInput in, int rows, int cols) throws IOException {
        int nnz = in.readCount("non-zero count", Math.min((long) rows * cols, in.remaining() / 8));
        int[] ptr = in.readInts(cols + 1, "column pointers");
        int[] idx = in.readInts(nnz, "row indices");
        float[] val = in.readFloats(nnz, "values");
        try {
            PayloadInput.check(ptr[cols] == nnz, "last pointer " + ptr[cols] + " differs from nnz " + nnz);
            return SparseMatrix.ofCsc(rows, cols, ptr, idx, val);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("corrupt sparse arrays: " + e.getMessage());
        }
    }
}
