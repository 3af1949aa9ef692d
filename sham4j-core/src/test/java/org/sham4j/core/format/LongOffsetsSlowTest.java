package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Formats whose streams cross 2^31 bits, built, written, read back and multiplied: {@code im} over a sparse
 * matrix of 1.26 G entries (2-bit indices, 2.5 G bits in 315 MB) and {@code sham} over 100 M non-zeros (22-bit rows
 * packed past 2^31 bits). Slow: a few minutes and about 2 GB of heap. The stand-ins of the benchmark matrices cross
 * 2^31 bits in every Huffman format (see the README's figures).
 */
@Tag("slow")
class LongOffsetsSlowTest {
    /** A rows x cols matrix with about {@code perColumn} non-zeros per column, values from {@code values}. */
    private static SparseMatrix matrix(int rows, int cols, int perColumn, float[] values, long seed) {
        Random rnd = new Random(seed);
        int[] ptr = new int[cols + 1];
        int nnz = 0;
        int[] counts = new int[cols];
        for (int j = 0; j < cols; j++) {
            counts[j] = perColumn / 2 + rnd.nextInt(perColumn + 1);
            nnz += counts[j];
            ptr[j + 1] = nnz;
        }
        int[] ri = new int[nnz];
        float[] v = new float[nnz];
        for (int j = 0; j < cols; j++) {
            double step = (double) rows / counts[j];
            for (int q = 0; q < counts[j]; q++) {
                ri[ptr[j] + q] = (int) (q * step + rnd.nextDouble() * (step - 1));
                double u = rnd.nextDouble();
                v[ptr[j] + q] = values[u < 0.8 ? 0 : u < 0.95 ? 1 : 2 + rnd.nextInt(values.length - 2)];
            }
        }
        return SparseMatrix.ofCsc(rows, cols, ptr, ri, v);
    }

    private static void checkProduct(SparseMatrix m, CompressedMatrix c) {
        float[] x = new float[m.rows()];
        Random rnd = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] y = new float[m.cols()];
        c.multiply(x, y);
        for (int j = 0; j < m.cols(); j++) {
            double ref = 0;
            double scale = 0;
            for (int p = m.colPtr()[j]; p < m.colPtr()[j + 1]; p++) {
                ref += (double) x[m.rowIdx()[p]] * m.values()[p];
                scale += Math.abs((double) x[m.rowIdx()[p]] * m.values()[p]);
            }
            assertEquals(ref, y[j], 1e-5 * scale + 1e-6, c.format().name() + " column " + j);
        }
    }

    @Test
    void imIndicesPastTwoToThe31Bits() throws Exception {
        SparseMatrix m = matrix(1 << 21, 600, 64, new float[] {1f, -2f, 0.5f}, 1);
        CompressedMatrix c = Formats.byName("im").encode(m);
        long bits = 2L * m.entries();
        assertTrue(bits > 1L << 31, "the index stream has " + bits + " bits");
        assertEquals(m.nnz(), c.nonZeros());
        checkProduct(m, c);
        CompressedMatrix back = ShmFile.fromBytes(ShmFile.toBytes(c));
        assertEquals(m.nnz(), back.nonZeros());
        checkProduct(m, back);
    }

    @Test
    void shamRowIndicesPastTwoToThe31Bits() throws Exception {
        SparseMatrix m = matrix(1 << 22, 64, 1_600_000, new float[] {1f, -1f, 3f, 0.25f, -7f}, 2);
        long rowBits = 22L * m.nnz();
        assertTrue(rowBits > 1L << 31, "the row indices take " + rowBits + " bits");
        CompressedMatrix c = Formats.byName("sham").encode(m);
        checkProduct(m, c);
        CompressedMatrix back = ShmFile.fromBytes(ShmFile.toBytes(c));
        assertEquals(m.nnz(), back.nonZeros());
        checkProduct(m, back);
    }
}
