package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sham4j.core.io.IoFixtures.assertInvalid;
import static org.sham4j.core.io.IoFixtures.gzip;
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
import org.sham4j.core.matrix.DenseMatrix;

class MatrixReaderTest {
    private static final String MTX = "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 4\n";
    private static final DenseMatrix M = new DenseMatrix(2, 2, new float[] {0, 4, 0, 0});

    @TempDir
    Path dir;

    private static byte[] npy(DenseMatrix m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(out, m);
        return out.toByteArray();
    }

    private static NamedMatrix only(String spec) throws IOException {
        List<NamedMatrix> read = MatrixReader.read(spec);
        assertEquals(1, read.size());
        return read.get(0);
    }

    @Test
    void dispatchesOnExtensionAndNamesByStem() throws IOException {
        assertEquals("orsreg_1", only(write(dir, "orsreg_1.mtx.gz", gzip(MTX)).toString()).name());
        assertEquals("a", only(write(dir, "a.mtx", MTX).toString()).name());
        assertEquals("b", only(write(dir, "b.npy", npy(M)).toString()).name());
        NamedMatrix z = only(write(dir, "c.npz", zip(true, Map.of("W.npy", npy(M)))).toString());
        assertEquals("c", z.name());
        assertEquals(M, z.matrix().toDense());
    }

    @Test
    void dispatchesOnContentWhateverTheExtension() throws IOException {
        assertEquals(M, only(write(dir, "x.dat", gzip(MTX)).toString()).matrix().toDense());
        assertEquals(M, only(write(dir, "y.txt", MTX).toString()).matrix().toDense());
        assertEquals(M, only(write(dir, "z.bin", npy(M)).toString()).matrix().toDense());
        assertEquals(M, only(write(dir, "w", zip(false, Map.of("W.npy", npy(M)))).toString()).matrix().toDense());
    }

    @Test
    void keySelectsAnArchiveMember() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("dense_0_kernel.npy", npy(M));
        members.put("dense_1_kernel.npy", npy(DenseMatrix.zeros(3, 4)));
        Path file = write(dir, "lenet.npz", zip(true, members));
        NamedMatrix one = only(file + "#dense_1_kernel");
        assertEquals("lenet#dense_1_kernel", one.name());
        assertEquals(3, one.matrix().rows());
        assertEquals(List.of("lenet#dense_0_kernel", "lenet#dense_1_kernel"),
                MatrixReader.read(file.toString()).stream().map(NamedMatrix::name).toList());
    }

    @Test
    void aFileWhoseNameHoldsAHashIsReadWhole() throws IOException {
        assertEquals("odd#name", only(write(dir, "odd#name.mtx", MTX).toString()).name());
    }

    @Test
    void refusals() {
        Path mtx = write(dir, "a.mtx", MTX);
        assertInvalid(() -> MatrixReader.read(mtx + "#W"), "a.mtx: '#W' selects an array of a .npz archive",
                "this is a Matrix Market file");
        assertInvalid(() -> MatrixReader.read(mtx + "#"), "a.mtx#: no key after '#'");
        assertInvalid(() -> MatrixReader.read(dir.resolve("missing.npz") + "#W"), "missing.npz: no such file");
        assertInvalid(() -> MatrixReader.read(dir.toString()), "no such file");
        Path csv = write(dir, "w.csv", "1,2\n3,4\n");
        assertInvalid(() -> MatrixReader.read(csv.toString()), "w.csv: unknown kind of file");
        Path empty = write(dir, "e.npy", new byte[0]);
        assertInvalid(() -> MatrixReader.read(empty.toString()), "e.npy: not a NumPy .npy file");
        Path notZip = write(dir, "n.npz", "hello");
        assertInvalid(() -> MatrixReader.read(notZip.toString()), "n.npz: not a readable zip archive");
        Path notMtx = write(dir, "t.mtx", "hello");
        assertInvalid(() -> MatrixReader.read(notMtx.toString()), "t.mtx: not a Matrix Market file");
        Path gzNpy = write(dir, "g.mtx.gz", gzip(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}));
        assertInvalid(() -> MatrixReader.read(gzNpy.toString()), "g.mtx.gz: not a Matrix Market file");
    }
}
