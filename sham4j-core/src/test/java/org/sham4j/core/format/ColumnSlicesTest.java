package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Every column-ordered format decoded a slice at a time ({@link ColumnBlockedMatrix#decodeColumns} through
 * {@link ColumnSlices}) gives back its matrix to the bit, in slices of consecutive whole columns within the bounds,
 * for capacities that cut the matrix anywhere (1 column or non-zero, odd ones, one slice for all); the row-ordered
 * formats are the others.
 */
class ColumnSlicesTest {
    /** The format tests' cases, and shapes that cut slices at odd places or leave columns empty. */
    private static List<RandomMatrices.Case> cases() {
        List<RandomMatrices.Case> c = new ArrayList<>(RandomMatrices.cases());
        c.add(new RandomMatrices.Case("odd 37x23 k=5", RandomMatrices.random(20, 37, 23, 0.7, 5)));
        c.add(new RandomMatrices.Case("empty columns at both ends and inside",
                emptyColumns(RandomMatrices.random(21, 29, 41, 0.4, 9))));
        return c;
    }

    /** m with columns 0, 1, the last and every fifth set to zero. */
    private static SparseMatrix emptyColumns(SparseMatrix m) {
        DenseMatrix d = m.toDense();
        for (int j = 0; j < d.cols(); j++) {
            if (j < 2 || j == d.cols() - 1 || j % 5 == 3) {
                for (int i = 0; i < d.rows(); i++) {
                    d.set(i, j, 0f);
                }
            }
        }
        return SparseMatrix.fromDense(d);
    }

    @TestFactory
    Stream<DynamicTest> everyColumnOrderedFormatDecodesEveryCaseExactly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (RandomMatrices.Case c : cases()) {
            for (MatrixFormat f : Formats.all()) {
                tests.add(DynamicTest.dynamicTest(f.name() + " / " + c.name(), () -> {
                    CompressedMatrix w = f.encode(c.m());
                    if (w instanceof ColumnBlockedMatrix cb) {
                        for (int capacity : new int[] {1, 3, 7, 64, 16384}) {
                            check(cb, c.m().toDense(), capacity, f.name() + " / " + c.name() + " capacity " + capacity);
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void onlyTheRowOrderedFormatsHaveNoColumnDecoding() {
        Set<String> rowOrdered = Set.of("csr", "cser");
        for (MatrixFormat f : Formats.all()) {
            CompressedMatrix w = f.encode(RandomMatrices.random(30, 5, 4, 0.5, 3));
            assertEquals(!rowOrdered.contains(f.name()), w instanceof ColumnBlockedMatrix, f.name());
            assertEquals(rowOrdered.contains(f.name()), w instanceof RowBlockedMatrix, f.name());
        }
    }

    private static void check(ColumnBlockedMatrix w, DenseMatrix want, int capacity, String what) {
        int rows = want.rows();
        int cols = want.cols();
        DenseMatrix got = DenseMatrix.zeros(rows, cols);
        int[] next = {0};
        ColumnSlices slices = new ColumnSlices(capacity);
        // Decoded twice with the same scratch: the second pass starts clean.
        for (int pass = 0; pass < 2; pass++) {
            next[0] = 0;
            slices.decode(w, (first, count, start, r, v) -> {
                assertEquals(next[0], first, what + ": slices out of order");
                assertTrue(count >= 1 && count <= capacity, what + ": " + count + " columns in a slice");
                assertEquals(0, start[0], what);
                assertTrue(start[count] <= Math.max(capacity, rows), what + ": " + start[count] + " non-zeros");
                for (int k = 0; k < count; k++) {
                    assertTrue(start[k] <= start[k + 1], what);
                    int prev = -1;
                    for (int p = start[k]; p < start[k + 1]; p++) {
                        assertTrue(r[p] > prev && r[p] < rows, what + ": row " + r[p] + " in column " + (first + k));
                        assertNotEquals(0f, v[p], what + ": a zero handed over");
                        got.set(r[p], first + k, v[p]);
                        prev = r[p];
                    }
                }
                next[0] += count;
            });
            assertEquals(cols, next[0], what + ": columns handed over");
        }
        assertTrue(slices.bytes() <= 4L * (capacity + 1) + 8L * Math.max(capacity, rows), what + ": " + slices.bytes()
                + " bytes");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(Float.floatToIntBits(want.get(i, j)), Float.floatToIntBits(got.get(i, j)),
                        what + " at " + i + "," + j);
            }
        }
    }
}
