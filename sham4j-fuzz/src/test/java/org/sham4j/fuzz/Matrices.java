package org.sham4j.fuzz;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.matrix.SparseMatrix;

/** What a matrix a reader accepted must allow: it is finite, and stores and multiplies exactly in every format. */
final class Matrices {
    private Matrices() {
    }

    static void check(SparseMatrix m) {
        for (int p = 0; p < m.nnz(); p++) {
            Oracles.check(Float.isFinite(m.values()[p]) && m.values()[p] != 0f, "a stored value is zero or not finite");
        }
        if (m.entries() > Oracles.DECODE_LIMIT || m.rows() + (long) m.cols() > 4 * Oracles.DECODE_LIMIT) {
            return;
        }
        MatrixFormat f = Formats.all().get(Math.floorMod(m.nnz() + m.rows(), Formats.all().size()));
        CompressedMatrix c = f.encode(m);
        Oracles.check(c.toDense().bitEquals(m.toDense()), f.name() + " does not keep the matrix");
        Oracles.products(c, m.toDense());
    }
}
