package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.matrix.DenseMatrix;

class NpyWriterTest {
    @TempDir
    Path dir;

    /** Exactly what numpy.save writes for np.zeros((512, 4096), np.float32), before the data. */
    @Test
    void headerIsByteForByteWhatNumpyWrites() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (512, 4096), }";
        byte[] expected = new byte[128];
        Arrays.fill(expected, (byte) ' ');
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 'v', 0}, 0, expected, 0, 10);
        System.arraycopy(dict.getBytes(StandardCharsets.US_ASCII), 0, expected, 10, dict.length());
        expected[127] = '\n';
        assertArrayEquals(expected, NpyWriter.header(512, 4096));
        for (int rows : new int[] {0, 3, 123456, Integer.MAX_VALUE}) {
            byte[] header = NpyWriter.header(rows, 7);
            assertEquals(0, header.length % 64, "data aligned to 64 bytes");
            assertEquals('\n', header[header.length - 1]);
        }
    }

    @Test
    void roundTripIsBitwise() throws IOException {
        Random random = new Random(42);
        float[] data = new float[37 * 1000];
        for (int k = 0; k < data.length; k++) {
            int bits = random.nextInt();
            float v = Float.intBitsToFloat(bits);
            data[k] = k % 3 == 0 || !Float.isFinite(v) || v == 0f ? 0f : v;
        }
        data[1] = Float.MIN_VALUE;
        data[2] = -Float.MAX_VALUE;
        DenseMatrix m = new DenseMatrix(37, 1000, data);
        Path file = dir.resolve("out/m.npy");
        NpyWriter.write(file, m);
        assertEquals(128 + 4L * data.length, Files.size(file));
        assertTrue(m.bitEquals(NpyReader.read(file).toDense()));
        assertTrue(m.bitEquals(MatrixReader.read(file.toString()).get(0).matrix().toDense()));
    }

    @Test
    void negativeZeroReadsAsZero() throws IOException {
        Path file = dir.resolve("z.npy");
        NpyWriter.write(file, new DenseMatrix(1, 2, new float[] {-0f, 1f}));
        assertTrue(new DenseMatrix(1, 2, new float[] {0f, 1f}).bitEquals(NpyReader.read(file).toDense()));
    }

    @Test
    void overwritesAtomicallyLeavingNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.npy");
        NpyWriter.write(file, DenseMatrix.zeros(100, 100));
        NpyWriter.write(file, new DenseMatrix(1, 1, new float[] {2f}));
        assertEquals(new DenseMatrix(1, 1, new float[] {2f}), NpyReader.read(file).toDense());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
