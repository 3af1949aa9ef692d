package org.sham4j.core.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Rows of a tensor along its batch axis. */
class TensorTest {
    @Test
    void rowsCopyTheEntriesOfTheirSamples() {
        Tensor t = new Tensor(new int[] {3, 2, 2}, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        Tensor mid = t.rows(1, 3);
        assertArrayEquals(new int[] {2, 2, 2}, mid.shape());
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, mid.data());
        mid.data()[0] = -1;
        assertEquals(4f, t.data()[4], "the rows are a copy");
        assertArrayEquals(new int[] {0, 2, 2}, t.rows(2, 2).shape());
        assertArrayEquals(new int[] {0, 5}, Tensor.zeros(0, 5).rows(0, 0).shape());
    }

    @Test
    void rowsOutsideTheBatchAreRefused() {
        Tensor t = Tensor.zeros(3, 2);
        assertThrows(IllegalArgumentException.class, () -> t.rows(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> t.rows(2, 1));
        assertThrows(IllegalArgumentException.class, () -> t.rows(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new int[0], new float[] {1}).rows(0, 0));
    }
}
