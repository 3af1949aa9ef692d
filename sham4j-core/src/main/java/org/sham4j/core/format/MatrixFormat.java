package org.sham4j.core.format;

import java.io.IOException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** A storage format: builds a {@link CompressedMatrix} from a matrix, and reads one back from a payload. */
public interface MatrixFormat {
    /** Short name used on the command line, e.g. {@code sham}. */
    String name();

    /** Stable id stored in {@code .shm} files. */
    int id();

    /** One line on what the format stores. */
    String description();

    CompressedMatrix encode(SparseMatrix matrix);

    /** Stores a dense matrix (zeros of either sign are zeros). */
    default CompressedMatrix encode(DenseMatrix matrix) {
        return encode(SparseMatrix.fromDense(matrix));
    }

    /** Reads a payload written by {@link CompressedMatrix#writePayload}; refuses a corrupt one. */
    CompressedMatrix read(int rows, int cols, PayloadInput in) throws IOException;
}
