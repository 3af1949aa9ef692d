package org.sham4j.model.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sham4j.core.energy.EnergyCosts;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;

/**
 * Energy per sample of small graphs counted by hand. Every array is under 8 KB: an access costs 5 pJ, an add
 * 0.9 pJ, a multiply 3.7 pJ (4.6 pJ per multiply-add).
 */
class ModelEnergyTest {
    private static CompressedMatrix stored(String format, int rows, int cols, float... values) {
        return Formats.byName(format).encode(new DenseMatrix(rows, cols, values));
    }

    private static Graph chain(InputSpec input, Layer... layers) {
        List<Node> nodes = new ArrayList<>();
        String in = input.name();
        for (int k = 0; k < layers.length; k++) {
            nodes.add(new Node("n" + k, layers[k], List.of(in), "t" + k));
            in = "t" + k;
        }
        return new Graph(List.of(input), nodes, List.of(in), Preprocessing.IDENTITY);
    }

    private static int[] pair(int v) {
        return new int[] {v, v};
    }

    @Test
    void aConvolutionCostsOneProductPerOutputPosition() {
        // conv 1 -> 2 channels, 3x3 kernel on 4x4: 2x2 = 4 positions. CSC 9x2 with 3 non-zeros: 3 column
        // pointers, 3 row indices, 3 values, 3 x, 2 y = 14 accesses (70 pJ) and 3 multiply-adds (13.8 pJ)
        float[] kernel = new float[18];
        kernel[0] = 1;
        kernel[8] = -2;
        kernel[17] = 3;
        Conv conv = new Conv(stored("csc", 9, 2, kernel), null, 1, 2, pair(3), pair(1), pair(0), pair(0), pair(1), 1);
        // dense 8x3 with 5 non-zeros: 24 weights, 5 x, 3 y = 32 accesses (160 pJ), 5 multiply-adds (23 pJ)
        float[] w = new float[24];
        for (int k = 0; k < 5; k++) {
            w[k * 4] = k + 1;
        }
        Dense dense = new Dense(stored("dense", 8, 3, w), new float[3]);
        Graph g = chain(new InputSpec("x", new int[] {1, 4, 4}), conv, new Flatten(1), dense);
        List<ModelEnergy.LayerEnergy> layers = ModelEnergy.perLayer(g, EnergyCosts.HOROWITZ_45NM);
        assertEquals(2, layers.size());
        assertEquals(4, layers.get(0).products());
        assertEquals(4 * (70 + 13.8), layers.get(0).picojoules(), 1e-9);
        assertEquals(1, layers.get(1).products());
        assertEquals(160 + 23, layers.get(1).picojoules(), 1e-9);
        assertEquals(4 * 83.8 + 183, ModelEnergy.perSample(g), 1e-9);
    }

    @Test
    void groupedConvolutionsCountEachGroupsMatrix() {
        // 2 -> 2 channels in 2 groups, 1x1 kernel on 3x3: 9 positions, each a 1x1 product per group. Group 0
        // (weight 0.5): weight, x, y (15 pJ) and a multiply-add (4.6); group 1 (weight 0): weight and y (10 pJ)
        Conv conv = new Conv(stored("dense", 1, 2, 0.5f, 0f), null, 2, 2, pair(1), pair(1), pair(0), pair(0),
                pair(1), 2);
        Graph g = chain(new InputSpec("x", new int[] {2, 3, 3}), conv);
        assertEquals(9 * (15 + 4.6 + 10), ModelEnergy.perSample(g), 1e-9);
    }

    @Test
    void embeddingLookupsCountTheirReadsAndWrites() {
        // 5 ids into a 10x4 table: 5 index reads, 20 table reads, 20 writes = 45 accesses (225 pJ); then CSR
        // 20x2 with 4 non-zeros: 21 row pointers, 20 x, 4 columns, 4 values, y cleared (2) and updated 4 times (8)
        // = 59 accesses (295 pJ), 4 multiply-adds (18.4 pJ)
        float[] w = new float[40];
        w[0] = 1;
        w[9] = 2;
        w[20] = 3;
        w[39] = 4;
        Graph g = chain(new InputSpec("ids", new int[] {5}), new Embedding(new DenseMatrix(10, 4, new float[40])),
                new Flatten(1), new Dense(stored("csr", 20, 2, w), null));
        List<ModelEnergy.LayerEnergy> layers = ModelEnergy.perLayer(g, EnergyCosts.HOROWITZ_45NM);
        assertEquals("Embedding", layers.get(0).op());
        assertEquals(5, layers.get(0).products());
        assertEquals(225, layers.get(0).picojoules(), 1e-9);
        assertEquals(295 + 18.4, layers.get(1).picojoules(), 1e-9);
        assertEquals(225 + 313.4, ModelEnergy.perSample(g), 1e-9);
    }

    @Test
    void aFreeInputDimensionIsRefusedInOneLine() {
        Graph g = chain(new InputSpec("x", new int[] {-1, 3}), new Dense(stored("dense", 3, 1, 1, 2, 3), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelEnergy.perSample(g));
        assertTrue(e.getMessage().contains("free dimension"), e.getMessage());
    }

    @Test
    void aGraphWithoutWeightsCostsNothing() {
        assertEquals(0, ModelEnergy.perSample(chain(new InputSpec("x", new int[] {2, 3}), new Flatten(1))));
    }
}
