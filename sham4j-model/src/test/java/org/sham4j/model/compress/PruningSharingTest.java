package org.sham4j.model.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;

/** Layer selection, pruning per layer or global, sharing per layer or unified, encoding and reports. */
class PruningSharingTest {
    /** Two dense layers, the second with weights ten times larger. */
    private static Graph twoLayers(Random r) {
        return new Graph(List.of(new InputSpec("x", new int[] {20})), List.of(
                new Node("a", new Dense(matrix(20, 30, 0.1f, r), new float[30]), List.of("x"), "a"),
                new Node("relu", new Activation(Activation.Function.RELU), List.of("a"), "h"),
                new Node("b", new Dense(matrix(30, 5, 1f, r), null), List.of("h"), "y")),
                List.of("y"), Preprocessing.IDENTITY);
    }

    private static org.sham4j.core.format.CompressedMatrix matrix(int rows, int cols, float scale, Random r) {
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * scale;
        }
        return DenseFormat.INSTANCE.encode(new DenseMatrix(rows, cols, w));
    }

    @Test
    void perLayerPrunesEachLayerGlobalPrunesTheSmallWeightsFirst() {
        Graph g = twoLayers(new Random(1));
        List<String> layers = LayerSelection.DENSE.select(g);
        Pruning each = Pruning.prune(g, layers, 80, false);
        assertEquals(80, each.masks().get("a").sparsity(), 0.2);
        assertEquals(80, each.masks().get("b").sparsity(), 0.7);
        Pruning global = Pruning.prune(g, layers, 80, true);
        assertEquals(80, global.sparsity(), 0.2);
        assertTrue(global.masks().get("a").sparsity() > 90, "the small layer loses most");
        assertTrue(global.masks().get("b").sparsity() < 50, "the large layer keeps most");
        Map<String, DenseMatrix> w = GraphWeights.of(global.graph(), layers);
        assertEquals(global.masks().get("a").keptCount(), w.get("a").nonZeros());
        // pruning again keeps every earlier zero
        Pruning more = Pruning.prune(global.graph(), layers, 90, true);
        for (String l : layers) {
            for (int i = 0; i < global.masks().get(l).size(); i++) {
                assertTrue(global.masks().get(l).isKept(i) || !more.masks().get(l).isKept(i));
            }
        }
        Pruning own = Pruning.prune(g, new java.util.LinkedHashMap<>(Map.of("a", 30.0, "b", 90.0)));
        assertEquals(30, own.masks().get("a").sparsity(), 0.2);
        assertEquals(90, own.masks().get("b").sparsity(), 0.7);
        assertThrows(IllegalArgumentException.class, () -> LayerSelection.CONV.select(g));
    }

    @Test
    void sharingPerLayerOrUnifiedKeepsZerosAndReachesK() {
        Graph g = twoLayers(new Random(2));
        List<String> layers = LayerSelection.ALL.select(g);
        Pruning p = Pruning.prune(g, layers, 50, false);
        SharedLayers each = SharedLayers.quantize(p.graph(), layers, QuantizerSpec.parse("cws:4"), false);
        SharedLayers one = SharedLayers.quantize(p.graph(), layers, QuantizerSpec.parse("cws:4"), true);
        assertEquals(2, each.groups().size());
        assertEquals(1, one.groups().size());
        Graph shared = one.apply(p.graph());
        List<LayerReport> report = LayerReport.of(Encoding.encode(shared, layers, null));
        for (LayerReport l : report) {
            assertTrue(l.distinctValues() <= 4, l.toString());
            assertEquals(p.masks().get(l.size().node()).keptCount(), l.nonZeros());
            assertTrue(l.size().storedBytes() < l.size().float32Bytes(), l.toString());
        }
        assertEquals(each.groupOf("b").assignments().keySet(), java.util.Set.of("b"));
    }

    @Test
    void encodingLeavesTheLayersNotNamedAsTheyAre() {
        Graph g = twoLayers(new Random(3));
        Graph pruned = Pruning.prune(g, List.of("a"), 90, false).graph();
        Graph encoded = Encoding.encode(pruned, List.of("a"), null);
        Graph forced = Encoding.encode(pruned, List.of("a"), DenseFormat.INSTANCE);
        assertSame(weights(pruned, "b"), weights(encoded, "b"));
        assertSame(weights(pruned, "b"), weights(forced, "b"));
        assertNotEquals("dense", weights(encoded, "a").format().name());
        assertEquals("dense", weights(forced, "a").format().name());
        assertArrayEquals(weights(pruned, "a").toDense().data(), weights(encoded, "a").toDense().data());
    }

    private static org.sham4j.core.format.CompressedMatrix weights(Graph g, String node) {
        return g.nodes().stream().filter(n -> n.name().equals(node)).map(n -> ((Dense) n.layer()).weights())
                .findFirst().orElseThrow();
    }
}
