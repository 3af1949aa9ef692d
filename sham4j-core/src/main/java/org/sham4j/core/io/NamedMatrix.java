package org.sham4j.core.io;

import java.util.Objects;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A matrix read from a file, with the name a user knows it by: the file name without its extensions
 * ({@code orsreg_1}), followed by {@code #KEY} for a member of a NumPy archive holding several arrays.
 */
public record NamedMatrix(String name, SparseMatrix matrix) {
    public NamedMatrix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matrix, "matrix");
    }
}
