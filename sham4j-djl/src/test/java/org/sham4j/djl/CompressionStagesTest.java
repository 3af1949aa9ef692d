package org.sham4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.prune.PruneMask;
import org.sham4j.core.quant.Quantization;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.data.Samples;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.GraphWeights;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;

/**
 * A tiny convolutional network through every stage of compression: pruning, masked fine-tuning, unified weight
 * sharing, codebook fine-tuning, encoding, the model file, and the Java runtime against DJL.
 */
class CompressionStagesTest {
    private static final int N = 96;

    @Test
    void tinyNetworkThroughEveryStage() throws Exception {
        Random r = new Random(21);
        Dataset data = blobs(r);
        Graph g = tinyConvNet(r);
        List<String> layers = LayerSelection.ALL.select(g);
        assertEquals(List.of("conv", "dense"), layers);

        // prune: global, to 60 %
        Pruning pruned = Pruning.prune(g, layers, 60, true);
        assertEquals(60, pruned.sparsity(), 100.0 / (27 + 48 * 3));
        TrainingOptions sgd = new TrainingOptions(2, 0.05f, TrainingOptions.Schedule.FIXED, 16,
                TrainingOptions.Optimizer.SGD, 3);
        Graph retrained = DjlTrainer.train(pruned.graph(), WeightConstraints.masked(pruned.masks()), data, sgd,
                TrainingListener.SILENT);
        Map<String, DenseMatrix> w = GraphWeights.of(retrained, layers);
        for (String layer : layers) {
            PruneMask m = pruned.masks().get(layer);
            float[] v = w.get(layer).data();
            int moved = 0;
            for (int i = 0; i < v.length; i++) {
                if (!m.isKept(i)) {
                    assertEquals(0f, v[i], layer + " weight " + i + " was pruned");
                } else if (v[i] != GraphWeights.of(pruned.graph(), layers).get(layer).data()[i]) {
                    moved++;
                }
            }
            assertTrue(moved > 0, layer + ": no kept weight trained");
        }

        // share: one codebook of at most 6 values for both layers
        SharedLayers shared = SharedLayers.quantize(retrained, layers, QuantizerSpec.parse("cws:6"), true);
        assertEquals(1, shared.groups().size());
        SharedLayers.Group group = shared.groups().get(0);
        assertEquals(6, group.codebook().length);
        Graph tuned = DjlTrainer.train(shared.apply(retrained), WeightConstraints.shared(shared), data, sgd,
                TrainingListener.SILENT);
        Map<String, DenseMatrix> tw = GraphWeights.of(tuned, layers);
        Float[] codebook = new Float[group.codebook().length];
        for (String layer : layers) {
            int[] a = group.assignments().get(layer);
            float[] v = tw.get(layer).data();
            for (int i = 0; i < v.length; i++) {
                if (a[i] == Quantization.ZERO) {
                    assertEquals(0f, v[i], layer + " weight " + i + " was pruned");
                    assertTrue(!pruned.masks().get(layer).isKept(i) || w.get(layer).data()[i] == 0f);
                } else if (codebook[a[i]] == null) {
                    codebook[a[i]] = v[i];
                } else {
                    assertEquals(codebook[a[i]], v[i], layer + " weight " + i + " equals its shared value");
                }
            }
        }
        Set<Float> values = new HashSet<>(Arrays.asList(codebook));
        assertEquals(6, values.size(), "k shared values across both layers");
        for (int j = 0; j < codebook.length; j++) {
            assertNotEquals(group.codebook()[j], codebook[j], "shared value " + j + " trained");
        }

        // encode, store, load
        Graph encoded = Encoding.encode(tuned, layers, null);
        List<LayerReport> report = LayerReport.of(encoded);
        assertEquals(2, report.size());
        for (LayerReport l : report) {
            assertTrue(l.distinctValues() <= 6);
            assertEquals(tw.get(l.size().node()).nonZeros(), l.nonZeros());
        }
        byte[] file = ModelFile.toBytes(encoded);
        Graph loaded = ModelFile.fromBytes(file);
        Map<String, DenseMatrix> lw = GraphWeights.of(loaded, layers);
        for (String layer : layers) {
            assertTrue(tw.get(layer).bitEquals(lw.get(layer)), layer + " round trip");
        }
        Graph forced = Encoding.encode(tuned, layers, DenseFormat.INSTANCE);
        assertEquals("dense", LayerReport.of(forced).get(1).size().format());

        // the Java runtime on the stored layers equals the fine-tuned network on DJL
        Tensor input = data.test().input(0);
        Tensor java;
        try (GraphRunner runner = new GraphRunner(loaded, 1)) {
            java = runner.run(input);
        }
        Tensor djl;
        try (DjlModel model = new DjlModel(tuned)) {
            djl = model.predict(List.of(input));
        }
        assertArrayEquals(djl.data(), java.data(), 1e-4f);
    }

    /** A layer pruned to nothing has no shared values to train (PyTorch refused its empty codebook): it stays zero. */
    @Test
    void aLayerPrunedToNothingStaysZeroWhileTheOthersKeepTheirCodebooks() {
        Random r = new Random(23);
        Dataset data = blobs(r);
        Graph g = tinyConvNet(r);
        List<String> layers = LayerSelection.ALL.select(g);
        Map<String, Double> levels = new java.util.LinkedHashMap<>();
        layers.forEach(l -> levels.put(l, l.equals(layers.get(0)) ? 100.0 : 50.0));
        Pruning pruned = Pruning.prune(g, levels);
        SharedLayers shared = SharedLayers.quantize(pruned.graph(), layers, QuantizerSpec.parse("cws:4"), false);
        assertEquals(0, shared.groups().get(0).codebook().length, "nothing left to share");
        Graph start = shared.apply(pruned.graph());
        TrainingOptions oneStep = new TrainingOptions(1, 1e-3f, TrainingOptions.Schedule.FIXED, N,
                TrainingOptions.Optimizer.SGD, 4);
        Graph tied = DjlTrainer.train(start, WeightConstraints.shared(shared), data, oneStep,
                TrainingListener.SILENT);
        Map<String, DenseMatrix> w1 = GraphWeights.of(tied, layers);
        for (float v : w1.get(layers.get(0)).data()) {
            assertEquals(0f, v, "the layer pruned to nothing");
        }
        for (String layer : layers.subList(1, layers.size())) {
            Set<Float> values = new HashSet<>();
            for (float v : w1.get(layer).data()) {
                if (v != 0f) {
                    values.add(v);
                }
            }
            assertTrue(values.size() >= 1 && values.size() <= 4, layer + ": " + values.size() + " shared values");
        }
    }

    /** One SGD step on the whole batch: each shared value moves by the summed step of the weights it stands for. */
    @Test
    void sharedValueMovesByTheSumOfItsClusterGradients() {
        Random r = new Random(22);
        Dataset data = blobs(r);
        Graph g = tinyConvNet(r);
        List<String> layers = LayerSelection.ALL.select(g);
        Pruning pruned = Pruning.prune(g, layers, 50, false);
        SharedLayers shared = SharedLayers.quantize(pruned.graph(), layers, QuantizerSpec.parse("cws:4"), true);
        Graph start = shared.apply(pruned.graph());
        float rate = 1e-3f;
        TrainingOptions oneStep = new TrainingOptions(1, rate, TrainingOptions.Schedule.FIXED, N,
                TrainingOptions.Optimizer.SGD, 4);
        Graph free = DjlTrainer.train(start, WeightConstraints.masked(pruned.masks()), data, oneStep,
                TrainingListener.SILENT);
        Graph tied = DjlTrainer.train(start, WeightConstraints.shared(shared), data, oneStep,
                TrainingListener.SILENT);
        SharedLayers.Group group = shared.groups().get(0);
        float[] before = group.codebook();
        double[] expected = new double[before.length];
        Map<String, DenseMatrix> w0 = GraphWeights.of(start, layers);
        Map<String, DenseMatrix> wFree = GraphWeights.of(free, layers);
        Map<String, DenseMatrix> wTied = GraphWeights.of(tied, layers);
        double[] actual = new double[before.length];
        for (String layer : layers) {
            int[] a = group.assignments().get(layer);
            for (int i = 0; i < a.length; i++) {
                if (a[i] != Quantization.ZERO) {
                    expected[a[i]] += wFree.get(layer).data()[i] - w0.get(layer).data()[i];
                    actual[a[i]] = wTied.get(layer).data()[i] - before[a[i]];
                }
            }
        }
        for (int j = 0; j < before.length; j++) {
            assertTrue(Math.abs(expected[j]) > 1e-7, "value " + j + " has a gradient");
            assertEquals(expected[j], actual[j], 1e-5 + 1e-3 * Math.abs(expected[j]), "shared value " + j);
        }
    }

    private static Dataset blobs(Random r) {
        float[] x = new float[N * 36];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            int c = i % 3;
            y[i] = c;
            for (int p = 0; p < 36; p++) {
                x[i * 36 + p] = (float) r.nextGaussian() * 0.5f + (p % 3 == c ? 1.5f : 0f);
            }
        }
        Samples s = Samples.of(List.of(new Tensor(new int[] {N, 1, 6, 6}, x)), y);
        return new Dataset("blobs", s, s, 3);
    }

    /** Conv 1->3 3x3 (6x6 -> 4x4), ReLU, flatten, dense 48 -> 3. */
    private static Graph tinyConvNet(Random r) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("conv", new Conv(DjlModelTest.matrix(9, 3, r), new float[3], 1, 3, new int[] {3, 3},
                new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 1), List.of("x"), "c"));
        nodes.add(new Node("relu", new Activation(Activation.Function.RELU), List.of("c"), "r"));
        nodes.add(new Node("flat", new Flatten(1), List.of("r"), "f"));
        nodes.add(new Node("dense", new Dense(DjlModelTest.matrix(48, 3, r), new float[3]), List.of("f"), "y"));
        return new Graph(List.of(new InputSpec("x", new int[] {1, 6, 6})), nodes, List.of("y"),
                Preprocessing.IDENTITY);
    }
}
