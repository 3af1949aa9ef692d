package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sham4j.core.io.IoFixtures.assertInvalid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.SharedData;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** Reads the real files of {@code shared/data} beside the repository root; skipped where it is absent. */
class SharedDataTest {
    private static String file(String relative) {
        return SharedData.file(relative);
    }

    private static NamedMatrix only(String spec) throws IOException {
        List<NamedMatrix> read = MatrixReader.read(spec);
        assertEquals(1, read.size());
        return read.get(0);
    }

    private static long distinctValues(SparseMatrix m) {
        float[] v = m.values();
        return IntStream.range(0, m.nnz()).map(p -> Float.floatToRawIntBits(v[p])).distinct().count();
    }

    private static void assertShape(int rows, int cols, SparseMatrix m) {
        assertEquals(rows, m.rows());
        assertEquals(cols, m.cols());
    }

    @Test
    void orsreg1() throws IOException {
        NamedMatrix m = only(file("matrices/orsreg_1.mtx.gz"));
        assertEquals("orsreg_1", m.name());
        assertShape(2205, 2205, m.matrix());
        assertEquals(14_133, m.matrix().nnz());
        assertEquals(111, distinctValues(m.matrix()));
    }

    @Test
    void sinaLoadsWithItsPublishedFigures() throws IOException {
        String sina = file("matrices/SiNa.mtx.gz");
        NamedMatrix m = only(sina);
        assertEquals("SiNa", m.name());
        assertShape(5743, 5743, m.matrix());
        assertEquals(198_787, m.matrix().nnz());
        assertEquals(24_165, distinctValues(m.matrix()));
    }

    @Test
    void vggLayerRoundTripsThroughNpyWriter(@TempDir Path dir) throws IOException {
        NamedMatrix m = only(file("layers/vgg19-mnist-fc1_p96_k32.npz"));
        assertEquals("vgg19-mnist-fc1_p96_k32", m.name());
        assertShape(512, 4096, m.matrix());
        assertTrue(distinctValues(m.matrix()) <= 32);
        assertEquals(0.04, m.matrix().nnz() / (double) m.matrix().entries(), 0.005);
        DenseMatrix dense = m.matrix().toDense();
        Path copy = dir.resolve("W.npy");
        NpyWriter.write(copy, dense);
        assertTrue(dense.bitEquals(NpyReader.read(copy).toDense()));
    }

    @Test
    void lenetKernelsAreReadAndBiasesSkipped() throws IOException {
        String lenet = file("weights/lenet300-mnist.npz");
        List<NamedMatrix> read = MatrixReader.read(lenet);
        assertEquals(List.of("lenet300-mnist#dense_0_kernel", "lenet300-mnist#dense_1_kernel",
                "lenet300-mnist#dense_2_kernel"), read.stream().map(NamedMatrix::name).toList());
        assertShape(784, 300, read.get(0).matrix());
        assertShape(300, 100, read.get(1).matrix());
        assertShape(100, 10, read.get(2).matrix());
        assertShape(300, 100, only(lenet + "#dense_1_kernel").matrix());
        assertInvalid(() -> MatrixReader.read(lenet + "#dense_0_bias"),
                "lenet300-mnist.npz: array 'dense_0_bias' has 1-D shape (300,), a matrix needs 2 dimensions");
    }
}
