package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;

class NpyArraysTest {
    /** A version 1.0 .npy file with the given header dict and data bytes. */
    private static byte[] npy(String dict, byte[] data) {
        String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    private static Tensor read(byte[] file) throws Exception {
        return NpyArrays.read(new ByteArrayInputStream(file), "t.npy");
    }

    @Test
    void readsIntegersOfAnyRank() throws Exception {
        ByteBuffer d = ByteBuffer.allocate(8 * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 12; k++) {
            d.putLong(k - 3);
        }
        Tensor t = read(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3, 2), }", d.array()));
        assertArrayEquals(new int[] {2, 3, 2}, t.shape());
        assertArrayEquals(new float[] {-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8}, t.data());
        Tensor u = read(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new byte[] {0, 7, -1}));
        assertArrayEquals(new float[] {0, 7, 255}, u.data());
    }

    @Test
    void fortranOrderBecomesRowMajor() throws Exception {
        ByteBuffer d = ByteBuffer.allocate(4 * 6).order(ByteOrder.BIG_ENDIAN);
        for (float v : new float[] {1, 4, 2, 5, 3, 6}) {
            d.putFloat(v);
        }
        Tensor t = read(npy("{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }", d.array()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.data());
    }

    @Test
    void badArraysAreRefusedInOneLine() {
        byte[] truncated = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", new byte[6]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(truncated));
        assertTrue(e.getMessage().contains("data ends"), e.getMessage());
        byte[] complex = npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        assertTrue(assertThrows(InvalidInputException.class, () -> read(complex)).getMessage().contains("dtype"));
        byte[] nan = new byte[4];
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
        byte[] withNan = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", nan);
        assertTrue(assertThrows(InvalidInputException.class, () -> read(withNan)).getMessage().contains("NaN"));
        byte[] huge = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[0]);
        assertTrue(Arrays.asList("too many", "data ends").stream()
                .anyMatch(assertThrows(InvalidInputException.class, () -> read(huge)).getMessage()::contains));
    }
}
