package org.sham4j.core.io;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sham4j.core.io.IoFixtures.assertInvalid;
import static org.sham4j.core.io.IoFixtures.cut;
import static org.sham4j.core.io.IoFixtures.floats;
import static org.sham4j.core.io.IoFixtures.npy;
import static org.sham4j.core.io.IoFixtures.write;
import static org.sham4j.core.io.IoFixtures.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.matrix.DenseMatrix;

class NpzReaderTest {
    private static final DenseMatrix A = new DenseMatrix(2, 3, new float[] {1, 0, 2, 0, 3, 0});
    private static final DenseMatrix B = new DenseMatrix(3, 1, new float[] {-1, 0.5f, 0});

    @TempDir
    Path dir;

    private static byte[] written(DenseMatrix m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(out, m);
        return out.toByteArray();
    }

    /** An archive like a layer's: kernels A (<f4) and B (>f8, Fortran order), a bias, an int matrix. */
    private Path layers(boolean deflate) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("kernel_a.npy", written(A));
        members.put("bias.npy", npy("<f4", "(3,)", floats(LITTLE_ENDIAN, 4, 1, 2, 3)));
        members.put("kernel_b.npy", npy(1, "{'descr': '>f8', 'fortran_order': True, 'shape': (3, 1), }",
                floats(BIG_ENDIAN, 8, -1, 0.5, 0)));
        members.put("counts.npy", npy("<i8", "(1, 1)", new byte[8]));
        return write(dir, "net.npz", zip(deflate, members));
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void severalArraysGiveOneMatrixPerTwoDimensionalFloatArray(boolean deflate) throws IOException {
        List<NamedMatrix> read = NpzReader.read(layers(deflate), null);
        assertEquals(2, read.size());
        assertEquals("net#kernel_a", read.get(0).name());
        assertEquals(A, read.get(0).matrix().toDense());
        assertEquals("net#kernel_b", read.get(1).name());
        assertEquals(B, read.get(1).matrix().toDense());
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void keySelectsOneArray(boolean deflate) throws IOException {
        List<NamedMatrix> read = NpzReader.read(layers(deflate), "kernel_b");
        assertEquals(1, read.size());
        assertEquals("net#kernel_b", read.get(0).name());
        assertEquals(B, read.get(0).matrix().toDense());
    }

    @Test
    void singleArrayIsNamedAfterTheFile() throws IOException {
        Path file = write(dir, "vgg19-mnist-fc1_p96_k32.npz", zip(true, Map.of("W.npy", written(A))));
        List<NamedMatrix> read = NpzReader.read(file, null);
        assertEquals(1, read.size());
        assertEquals("vgg19-mnist-fc1_p96_k32", read.get(0).name());
        assertEquals(A, read.get(0).matrix().toDense());
        assertEquals("vgg19-mnist-fc1_p96_k32", NpzReader.read(file, "W").get(0).name());
    }

    @Test
    void keyOfANonMatrixIsRefusedWithTheReason() throws IOException {
        Path file = layers(true);
        assertInvalid(() -> NpzReader.read(file, "bias"), "net.npz: array 'bias' has 1-D shape (3,), a matrix needs 2");
        assertInvalid(() -> NpzReader.read(file, "counts"), "net.npz: array 'counts' has dtype '<i8'");
    }

    @Test
    void unknownKeyListsTheKeys() throws IOException {
        Path file = layers(false);
        assertInvalid(() -> NpzReader.read(file, "W"), "net.npz: no array 'W'",
                "kernel_a, bias, kernel_b, counts");
    }

    @Test
    void archiveWithoutMatricesIsRefused() {
        Path file = write(dir, "b.npz", zip(true, Map.of("b.npy", npy("<f4", "(3,)", new byte[12]))));
        assertInvalid(() -> NpzReader.read(file, null), "b.npz: no 2-D float array among b");
        Path empty = write(dir, "e.npz", zip(true, Map.of("readme.txt", new byte[3])));
        assertInvalid(() -> NpzReader.read(empty, null), "e.npz: the archive holds no .npy array");
    }

    @Test
    void truncatedArchiveIsRefused() throws IOException {
        byte[] bytes = zip(true, Map.of("W.npy", written(DenseMatrix.zeros(50, 50))));
        Path file = write(dir, "cut.npz", cut(bytes, bytes.length - 30));
        assertInvalid(() -> NpzReader.read(file, null), "cut.npz: not a readable zip archive");
    }

    @Test
    void corruptDeflatedMemberIsRefused() throws IOException {
        float[] data = new float[400];
        for (int k = 0; k < data.length; k++) {
            data[k] = k * 0.25f;
        }
        byte[] bytes = zip(true, Map.of("W.npy", written(new DenseMatrix(20, 20, data))));
        for (int k = 60; k < 200; k++) {
            bytes[k] ^= 0x55;
        }
        Path file = write(dir, "bad.npz", bytes);
        assertInvalid(() -> NpzReader.read(file, null), "bad.npz: W.npy");
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void memberWhoseHeaderLiesAboutItsShapeIsRefused(boolean deflate) {
        byte[] shortData = npy("<f4", "(1000, 1000)", floats(LITTLE_ENDIAN, 4, 1, 2, 3));
        Path file = write(dir, "lie.npz", zip(deflate, Map.of("W.npy", shortData)));
        assertInvalid(() -> NpzReader.read(file, null), "lie.npz: W.npy: data ends after 12 bytes",
                "shape (1000, 1000) of '<f4' needs 4000000 bytes");
        byte[] longData = npy("<f4", "(1, 2)", floats(LITTLE_ENDIAN, 4, 1, 2, 3));
        Path longer = write(dir, "long.npz", zip(deflate, Map.of("W.npy", longData)));
        assertInvalid(() -> NpzReader.read(longer, null), "long.npz: W.npy: data goes on after the end");
    }

    @Test
    void forgedHugeShapeInAMemberIsRefused() {
        byte[] member = npy("<f8", "(46340, 46340)", new byte[64]);
        Path file = write(dir, "huge.npz", zip(true, Map.of("W.npy", member)));
        assertInvalid(() -> NpzReader.read(file, null), "huge.npz: W.npy: data ends after 64 bytes");
    }

    @Test
    void nanInAMemberIsRefused() {
        byte[] member = npy("<f4", "(2, 2)", floats(LITTLE_ENDIAN, 4, 0, 0, 0, Double.NaN));
        Path file = write(dir, "nan.npz", zip(true, Map.of("W.npy", member)));
        assertInvalid(() -> NpzReader.read(file, null), "nan.npz: W.npy: NaN at (1, 1)");
    }
}
