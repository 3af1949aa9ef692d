package org.sham4j.model.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;

/** {@code --prefer size|speed|balanced}: each preference picks what it says among all formats, exactly. */
class EncodingPreferenceTest {
    /** A 200 x 300 layer with 92 % zeros and four shared values: small formats and fast ones differ. */
    private static Graph prunedShared() {
        Random r = new Random(11);
        float[] shared = {-0.5f, -0.125f, 0.25f, 0.75f};
        float[] w = new float[200 * 300];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextDouble() < 0.08 ? shared[r.nextInt(4)] : 0f;
        }
        CompressedMatrix m = DenseFormat.INSTANCE.encode(new DenseMatrix(200, 300, w));
        return new Graph(List.of(new InputSpec("x", new int[] {200})),
                List.of(new Node("fc", new Dense(m, null), List.of("x"), "y")), List.of("y"), Preprocessing.IDENTITY);
    }

    private static CompressedMatrix weights(Graph g) {
        return ((Dense) g.nodes().get(0).layer()).weights();
    }

    @Test
    void eachPreferencePicksWhatItSaysAndKeepsTheWeights() {
        Graph g = prunedShared();
        SparseMatrix m = SparseMatrix.fromDense(weights(g).toDense());
        long minBytes = Long.MAX_VALUE;
        double minNanos = Double.MAX_VALUE;
        for (MatrixFormat f : Formats.all()) {
            minBytes = Math.min(minBytes, f.encode(m).size().totalBytes());
            minNanos = Math.min(minNanos, ProductCost.nanosPerVector(f.name(), m));
        }
        Encoding.Result size = Encoding.encode(g, List.of("fc"), null, Encoding.Preference.SIZE);
        Encoding.Result speed = Encoding.encode(g, List.of("fc"), null, Encoding.Preference.SPEED);
        Encoding.Result balanced = Encoding.encode(g, List.of("fc"), null, Encoding.Preference.BALANCED);
        Encoding.Choice cs = size.choices().get(0);
        Encoding.Choice cf = speed.choices().get(0);
        Encoding.Choice cb = balanced.choices().get(0);
        assertEquals(minBytes, cs.bytes());
        assertEquals(minNanos, cf.nanosPerVector());
        assertNotEquals(cs.format(), cf.format(), "this layer's smallest format is not its fastest");
        assertTrue(cb.bytes() <= cf.bytes() && cb.bytes() >= cs.bytes());
        assertTrue(cb.nanosPerVector() <= Encoding.BALANCED_SLOWDOWN * minNanos);
        for (Encoding.Result r : List.of(size, speed, balanced)) {
            Encoding.Choice c = r.choices().get(0);
            assertEquals(c.format(), weights(r.graph()).format().name());
            assertEquals(c.bytes(), weights(r.graph()).size().totalBytes());
            assertTrue(c.reason().contains(c.format()), c.reason());
            assertArrayEquals(weights(g).toDense().data(), weights(r.graph()).toDense().data());
        }
        assertTrue(cs.reason().startsWith("smallest"), cs.reason());
        assertTrue(cf.reason().startsWith("fastest"), cf.reason());
        assertEquals(cs.format(), weights(Encoding.encode(g, List.of("fc"), null)).format().name());
    }

    @Test
    void aNamedFormatIsKeptAndAnUnknownPreferenceRefused() {
        Encoding.Result r = Encoding.encode(prunedShared(), List.of("fc"), DenseFormat.INSTANCE,
                Encoding.Preference.SPEED);
        assertEquals("dense", r.choices().get(0).format());
        assertEquals("named format", r.choices().get(0).reason());
        assertEquals(Encoding.Preference.BALANCED, Encoding.Preference.parse(" Balanced"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Encoding.Preference.parse("fast"));
        assertTrue(e.getMessage().contains("size, speed or balanced"));
    }
}
