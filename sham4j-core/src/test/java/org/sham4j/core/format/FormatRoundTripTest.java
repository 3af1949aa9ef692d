package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Every format over seeded random matrices: exact toDense, exact file round trip (the file streamed to disk
 * byte for byte the one built in memory), reported size equal to the file's, and products (one vector, batches of 3, 8 and 20, on 1 and 3 threads) against a double-precision reference.
 */
class FormatRoundTripTest {
    @TestFactory
    Stream<DynamicTest> everyFormatOnEveryCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (RandomMatrices.Case c : RandomMatrices.cases()) {
            for (MatrixFormat f : Formats.all()) {
                tests.add(DynamicTest.dynamicTest(f.name() + " / " + c.name(), () -> check(f, c.m())));
            }
        }
        return tests.stream();
    }

    private static void check(MatrixFormat f, SparseMatrix m) throws Exception {
        DenseMatrix dense = m.toDense();
        CompressedMatrix c = f.encode(m);
        assertEquals(m.rows(), c.rows());
        assertEquals(m.cols(), c.cols());
        assertTrue(c.toDense().bitEquals(dense), "toDense differs");
        assertEquals(m.nnz(), c.nonZeros(), "non-zero count");

        byte[] file = ShmFile.toBytes(c);
        assertEquals(file.length, c.size().totalBytes(), "reported size differs from the file");
        java.nio.file.Path saved = java.nio.file.Files.createTempFile("round-trip", ".shm");
        try {
            ShmFile.save(saved, c);
            assertArrayEquals(file, java.nio.file.Files.readAllBytes(saved), "the streamed file differs");
        } finally {
            java.nio.file.Files.deleteIfExists(saved);
        }
        CompressedMatrix back = ShmFile.fromBytes(file);
        assertEquals(f, back.format());
        assertTrue(back.toDense().bitEquals(dense), "file round trip differs");
        assertArrayEquals(file, ShmFile.toBytes(back), "re-encoding a read matrix changes its bytes");

        for (int batch : new int[] {1, 3, 8, 20}) {
            float[] x = RandomMatrices.vector(batch * 31L + m.rows(), batch * m.rows());
            double[] ref = RandomMatrices.reference(dense, x, batch);
            float[] y1 = new float[batch * m.cols()];
            java.util.Arrays.fill(y1, Float.NaN);
            back.multiply(x, batch, y1);
            assertClose(ref, y1, x, dense, batch);
            float[] yT = new float[batch * m.cols()];
            java.util.Arrays.fill(yT, Float.NaN);
            try (ProductExecutor ex = new ProductExecutor(3)) {
                back.multiply(x, batch, yT, ex);
            }
            assertClose(ref, yT, x, dense, batch);
        }
    }

    /** Error bound for float accumulation: a few ulps of the sum of absolute products. */
    private static void assertClose(double[] ref, float[] y, float[] x, DenseMatrix w, int batch) {
        int n = w.rows();
        int m = w.cols();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    abs += Math.abs((double) x[b * n + i] * w.get(i, j));
                }
                double tol = 1e-6 * (n + 1) * abs + 1e-30;
                double err = Math.abs(ref[b * m + j] - y[b * m + j]);
                assertTrue(err <= tol, "y[" + b + "," + j + "] = " + y[b * m + j] + ", reference " + ref[b * m + j]);
            }
        }
    }
}
