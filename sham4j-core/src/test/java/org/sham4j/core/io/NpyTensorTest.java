package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.matrix.Tensor;

/** Tensors of any rank written as .npy read back the same. */
class NpyTensorTest {
    @TempDir
    Path dir;

    @Test
    void tensorsOfRanksZeroToFourRoundTrip() throws Exception {
        int[][] shapes = {{}, {5}, {2, 3}, {2, 1, 4}, {1, 2, 3, 2}};
        for (int[] shape : shapes) {
            float[] v = new float[(int) Tensor.size(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = i * 0.5f - 1;
            }
            Path p = dir.resolve("t" + shape.length + ".npy");
            NpyWriter.write(p, new Tensor(shape, v));
            try (InputStream in = Files.newInputStream(p)) {
                Tensor back = NpyArrays.read(in, p.toString());
                assertArrayEquals(shape, back.shape());
                assertArrayEquals(v, back.data());
            }
            byte[] bytes = Files.readAllBytes(p);
            int headerEnd = 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
            assertArrayEquals(new int[] {0}, new int[] {headerEnd % 64});
        }
    }
}
