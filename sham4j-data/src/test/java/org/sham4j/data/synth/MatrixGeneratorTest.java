package org.sham4j.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.io.MatrixFiles;
import org.sham4j.core.io.MatrixReader;
import org.sham4j.core.matrix.SparseMatrix;

/** The generator gives exactly the shape, non-zeros and distinct values asked for, the same for the same seed. */
class MatrixGeneratorTest {
    @TempDir
    Path dir;

    private SparseMatrix generate(String spec, long seed, String file) throws IOException {
        MatrixRecipe r = StandIns.byName(spec);
        Path out = dir.resolve(file);
        MatrixFiles.write(out, r.rows(), r.cols(), r.nnz(), List.of("test"),
                sink -> MatrixGenerator.generate(r, seed, sink));
        return MatrixReader.read(out, null).get(0).matrix();
    }

    private static int distinct(SparseMatrix m) {
        Set<Float> values = new HashSet<>();
        for (int p = 0; p < m.nnz(); p++) {
            values.add(m.values()[p]);
        }
        return values.size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rows=50,cols=7,density=0.3,distinct=20", "rows=1,cols=1,nnz=1,distinct=1",
        "rows=300,cols=40,density=1,distinct=5", "rows=1000,cols=3,density=0.01,distinct=30",
        "rows=200,cols=64,density=0.05,distinct=640", "rows=64,cols=500,nnz=7,distinct=7",
        "rows=2000,cols=12,density=0.5697,distinct=45"})
    void exactShapeNonZerosAndDistinctValues(String spec) throws IOException {
        MatrixRecipe r = StandIns.byName(spec);
        SparseMatrix m = generate(spec, 7, "m.mtx");
        assertEquals(r.rows(), m.rows());
        assertEquals(r.cols(), m.cols());
        assertEquals(r.nnz(), m.nnz());
        assertEquals(r.distinct(), distinct(m));
    }

    @Test
    void densityRoundsToTheNearestCount() {
        MatrixRecipe r = StandIns.byName("rows=7,cols=3,density=0.5,distinct=2");
        assertEquals(11, r.nnz());
        assertEquals(6_902_423, StandIns.covtype().nnz());
        assertEquals(95_232_978, StandIns.census().nnz());
        assertEquals(352_012_869, StandIns.imagenet().nnz());
    }

    @Test
    void sameSeedSameFileOtherSeedOtherMatrix() throws IOException {
        String spec = "rows=400,cols=30,density=0.2,distinct=50";
        generate(spec, 11, "a.mtx.gz");
        generate(spec, 11, "b.mtx.gz");
        SparseMatrix a = generate(spec, 11, "a.mtx");
        SparseMatrix c = generate(spec, 12, "c.mtx");
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.mtx.gz")), Files.readAllBytes(dir.resolve("b.mtx.gz")));
        assertEquals(a.nnz(), c.nnz());
        assertFalse(a.toDense().bitEquals(c.toDense()), "another seed gives another matrix");
    }

    @Test
    void matrixMarketAndNumpyHoldTheSameMatrix() throws IOException {
        String spec = "rows=333,cols=17,density=0.4,distinct=100";
        SparseMatrix mtx = generate(spec, 5, "m.mtx.gz");
        SparseMatrix npy = generate(spec, 5, "m.npy");
        assertTrue(mtx.toDense().bitEquals(npy.toDense()));
    }

    @Test
    void columnsFollowTheirOwnLaws() throws IOException {
        // Numeric columns (every third, from 1) stay near their centre; column shares differ.
        SparseMatrix m = generate("rows=5000,cols=9,density=0.3,distinct=1000", 3, "m.mtx");
        int[] ptr = m.colPtr();
        int least = Integer.MAX_VALUE;
        int most = 0;
        for (int j = 0; j < m.cols(); j++) {
            least = Math.min(least, ptr[j + 1] - ptr[j]);
            most = Math.max(most, ptr[j + 1] - ptr[j]);
        }
        assertTrue(most > 2 * least, "column densities vary: " + least + " to " + most);
    }

    @Test
    void presetsAllocateExactlyWithinTheRows() {
        for (String name : StandIns.NAMES) {
            MatrixRecipe r = StandIns.byName(name);
            long[] count = new long[r.cols()];
            for (OneHotGroup g : r.groups()) {
                // A group's columns share the rows: give them rows in proportion, as the draw does on average.
                double sum = java.util.Arrays.stream(g.shares()).sum();
                long left = r.rows();
                for (int k = 0; k < g.width(); k++) {
                    count[g.first() + k] = k == g.width() - 1 ? left : Math.round(r.rows() * g.shares()[k] / sum);
                    left -= count[g.first() + k];
                }
            }
            MatrixGenerator.allocate(r, count);
            long total = 0;
            for (long c : count) {
                assertTrue(c >= 0 && c <= r.rows(), name + ": " + c);
                total += c;
            }
            assertEquals(r.nnz(), total, name);
            int[][] forced = MatrixGenerator.forced(r, count, 1);
            int assigned = 0;
            for (int j = 0; j < r.cols(); j++) {
                assertTrue(forced[j].length <= count[j], name + " column " + j);
                assigned += forced[j].length;
            }
            assertTrue(assigned <= r.distinct(), name);
        }
    }

    @Test
    void badSpecsAreRefusedInOneLine() {
        assertThrows(IllegalArgumentException.class, () -> StandIns.byName("rows=10,cols=10,density=0.5"));
        assertThrows(IllegalArgumentException.class, () -> StandIns.byName("rows=10,cols=10,density=1.5,distinct=3"));
        assertThrows(IllegalArgumentException.class, () -> StandIns.byName("rows=10,cols=10,nnz=3,distinct=4"));
        assertThrows(IllegalArgumentException.class, () -> StandIns.byName("rows=x,cols=10,nnz=3,distinct=2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StandIns.byName("covtyp"));
        assertTrue(e.getMessage().contains("covtype, census, imagenet"), e.getMessage());
    }
}
