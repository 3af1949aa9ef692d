package org.sham4j.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sham4j.core.io.ColumnSink;

/** The three stand-ins drawn whole (slow: covtype 4 s, census about a minute, imagenet several). */
@Tag("slow")
class StandInsSlowTest {
    /** Counts what a generator writes, checking rows ascend, without keeping it. */
    private static final class Counting implements ColumnSink {
        final int rows;
        long nnz;
        final java.util.Set<Float> values = new java.util.HashSet<>();
        int columns;

        Counting(int rows) {
            this.rows = rows;
        }

        @Override
        public void column(int j, int[] r, float[] v, int count) {
            assertEquals(columns++, j);
            for (int k = 0; k < count; k++) {
                assertTrue(r[k] >= 0 && r[k] < rows && (k == 0 || r[k] > r[k - 1]));
                assertTrue(v[k] != 0f);
                values.add(v[k]);
            }
            nnz += count;
        }

        @Override
        public void finish() {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"covtype", "census", "imagenet"})
    void standInHasThePapersStatistics(String name) throws IOException {
        MatrixRecipe r = StandIns.byName(name);
        Counting sink = new Counting(r.rows());
        MatrixGenerator.generate(r, 1, sink);
        assertEquals(r.cols(), sink.columns);
        assertEquals(r.nnz(), sink.nnz);
        assertEquals(r.distinct(), sink.values.size());
        double fraction = (double) sink.nnz / ((long) r.rows() * r.cols());
        double expected = switch (name) {
            case "covtype" -> 0.2200;
            case "census" -> 0.5697;
            default -> 0.3099;
        };
        assertEquals(expected, fraction, 0.00005);
    }
}
