package org.sham4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.data.Samples;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.testing.EveryLayer;

/** Tiny networks trained for a few steps: the loss falls, and the result runs the same on both engines. */
class DjlTrainerTest {
    /** Records the losses and scores the trainer reports. */
    private static class Record implements TrainingListener {
        final List<Double> batchLosses = new ArrayList<>();
        final List<Evaluation> tests = new ArrayList<>();
        int heads;
        long headBytes;

        @Override
        public void frozenHeadComputed(int tensors, long bytes, double seconds) {
            heads++;
            headBytes = bytes;
        }

        @Override
        public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
            batchLosses.add(meanLoss);
        }

        @Override
        public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
            tests.add(test);
        }
    }

    @Test
    void classifierLearnsSeparableClasses() {
        Random r = new Random(11);
        int n = 240;
        Dataset data = blobs(r, n);
        Samples s = data.train();
        Graph g = mlp(new int[] {4, 16, 3}, r);
        Record rec = new Record();
        Graph trained = DjlTrainer.train(g, data, new TrainingOptions(3, 0.01f, TrainingOptions.Schedule.COSINE, 16,
                TrainingOptions.Optimizer.ADAM, 5), rec);
        double first = rec.batchLosses.get(0);
        double last = rec.batchLosses.get(rec.batchLosses.size() - 1);
        assertTrue(last < first / 2, "loss " + first + " -> " + last);
        Evaluation e = rec.tests.get(rec.tests.size() - 1);
        assertTrue(e.accuracy() > 0.9, "accuracy " + e.accuracy());
        assertEquals(n, e.samples());
        // the trained graph scores the same on the pure-Java runtime
        try (GraphRunner runner = new GraphRunner(trained, 1)) {
            Evaluation java = Evaluation.of(trained, s, true, 50, in -> runner.run(in.get(0)));
            assertEquals(e.accuracy(), java.accuracy(), 1e-9);
        }
    }

    /** Gradients reach every kind of weight: each weighted layer of the graph of every layer changes. */
    @Test
    void everyWeightedLayerTrains() {
        Graph g = EveryLayer.graph(12);
        int n = 32;
        List<Tensor> in = EveryLayer.inputs(13, n);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 5;
        }
        Samples s = Samples.of(in, y);
        Graph trained = DjlTrainer.train(g, new Dataset("random", s, s, 5), new TrainingOptions(1, 0.01f,
                TrainingOptions.Schedule.FIXED, 16, TrainingOptions.Optimizer.ADAM, 3), TrainingListener.SILENT);
        int weighted = 0;
        for (int k = 0; k < g.nodes().size(); k++) {
            if (g.nodes().get(k).layer() instanceof WeightedLayer before) {
                WeightedLayer after = (WeightedLayer) trained.nodes().get(k).layer();
                assertFalse(Arrays.equals(before.weights().toDense().data(), after.weights().toDense().data()),
                        g.nodes().get(k).name() + " did not train");
                weighted++;
            }
        }
        assertEquals(11, weighted);
    }

    @Test
    void twoInputRegressionWithSgdIsSeededAndLearns() {
        Random r = new Random(12);
        int n = 200;
        float[] a = new float[n * 3];
        float[] b = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                a[i * 3 + j] = (float) r.nextGaussian();
            }
            for (int j = 0; j < 2; j++) {
                b[i * 2 + j] = (float) r.nextGaussian();
            }
            y[i] = a[i * 3] - 0.5f * b[i * 2 + 1] + 1;
        }
        Samples s = Samples.of(List.of(new Tensor(new int[] {n, 3}, a), new Tensor(new int[] {n, 2}, b)), y);
        Dataset data = new Dataset("pairs", s, s, 0);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("cat", new Concat(1), List.of("a", "b"), "cat"));
        nodes.add(new Node("d1", new Dense(DjlModelTest.matrix(5, 8, r), new float[8]), List.of("cat"), "d1"));
        nodes.add(new Node("r1", new Activation(Activation.Function.RELU), List.of("d1"), "r1"));
        nodes.add(new Node("d2", new Dense(DjlModelTest.matrix(8, 1, r), new float[1]), List.of("r1"), "d2"));
        Graph g = new Graph(List.of(new InputSpec("a", new int[] {3}), new InputSpec("b", new int[] {2})), nodes,
                List.of("d2"), Preprocessing.IDENTITY);
        TrainingOptions options = new TrainingOptions(4, 0.02f, TrainingOptions.Schedule.FIXED, 20, TrainingOptions.Optimizer.SGD, 9);
        Record rec = new Record();
        Graph once = DjlTrainer.train(g, data, options, rec);
        Graph twice = DjlTrainer.train(g, data, options, TrainingListener.SILENT);
        DjlModelTest.assertSameWeights(once, twice);
        Evaluation first = rec.tests.get(0);
        Evaluation last = rec.tests.get(rec.tests.size() - 1);
        assertTrue(last.mse() < first.mse(), "mse " + first.mse() + " -> " + last.mse());
        assertTrue(last.concordanceIndex() > 0.7, "ci " + last.concordanceIndex());
        assertTrue(Double.isNaN(last.accuracy()));
        assertFalse(once.nodes().get(1).layer().equals(g.nodes().get(1).layer()));
    }

    @Test
    void dataThatDoesNotFitTheModelIsRefused() {
        Random r = new Random(13);
        Samples s = Samples.of(List.of(new Tensor(new int[] {4, 5}, new float[20])), new float[4]);
        Graph g = mlp(new int[] {4, 2}, r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlTrainer.train(g,
                new Dataset("d", s, s, 2), new TrainingOptions(1, 0.1f, TrainingOptions.Schedule.FIXED, 2, TrainingOptions.Optimizer.SGD, 1),
                TrainingListener.SILENT));
        assertTrue(e.getMessage().contains("(5)") && e.getMessage().contains("(4)"), e.getMessage());
    }

    @Test
    void frozenNodesKeepTheirWeightsWhileTheOthersTrain() {
        Random r = new Random(14);
        Dataset data = blobs(r, 120);
        Graph g = mlp(new int[] {4, 8, 3}, r);
        TrainingOptions options = new TrainingOptions(2, 0.05f, TrainingOptions.Schedule.FIXED, 16,
                TrainingOptions.Optimizer.SGD, 2).withFrozen(Set.of("d0"));
        Graph trained = DjlTrainer.train(g, data, options, TrainingListener.SILENT);
        Dense before0 = (Dense) g.nodes().get(0).layer();
        Dense after0 = (Dense) trained.nodes().get(0).layer();
        assertArrayEquals(before0.weights().toDense().data(), after0.weights().toDense().data());
        assertArrayEquals(before0.bias(), after0.bias());
        Dense before1 = (Dense) g.nodes().get(2).layer();
        Dense after1 = (Dense) trained.nodes().get(2).layer();
        assertFalse(Arrays.equals(before1.weights().toDense().data(), after1.weights().toDense().data()),
                "the unfrozen layer did not train");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlTrainer.train(g, data,
                options.withFrozen(Set.of("nope")), TrainingListener.SILENT));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void aFrozenHeadIsComputedOnceAndTrainsTheSameAsTheWholeGraph() {
        Random r = new Random(16);
        // pairs of (a, b) rows drawn from two small tables, as drug-target pairs are
        int na = 7;
        int nb = 5;
        int n = 150;
        float[] a = new float[na * 3];
        float[] b = new float[nb * 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        int[] ra = new int[n];
        int[] rb = new int[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextInt(na);
            rb[i] = r.nextInt(nb);
            y[i] = a[ra[i] * 3] - b[rb[i] * 2 + 1];
        }
        Samples s = Samples.indexed(List.of(new Tensor(new int[] {na, 3}, a), new Tensor(new int[] {nb, 2}, b)),
                List.of(ra, rb), y);
        Dataset data = new Dataset("pairs", s, s, 0);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("fa", new Dense(DjlModelTest.matrix(3, 4, r), new float[4]), List.of("a"), "fa"));
        nodes.add(new Node("ra", new Activation(Activation.Function.RELU), List.of("fa"), "ra"));
        nodes.add(new Node("fb", new Dense(DjlModelTest.matrix(2, 4, r), new float[4]), List.of("b"), "fb"));
        nodes.add(new Node("cat", new Concat(1), List.of("ra", "fb"), "cat"));
        nodes.add(new Node("d1", new Dense(DjlModelTest.matrix(8, 6, r), new float[6]), List.of("cat"), "d1"));
        nodes.add(new Node("r1", new Activation(Activation.Function.RELU), List.of("d1"), "r1"));
        nodes.add(new Node("d2", new Dense(DjlModelTest.matrix(6, 1, r), new float[1]), List.of("r1"), "d2"));
        Graph g = new Graph(List.of(new InputSpec("a", new int[] {3}), new InputSpec("b", new int[] {2})), nodes,
                List.of("d2"), Preprocessing.IDENTITY);
        // both branches frozen: the tail reads both branches' results; one frozen: the other input as it is
        Map<Set<String>, Integer> headFloats = Map.of(Set.of("fa", "fb"), 7 * 4 + 5 * 4, Set.of("fa"), 7 * 4 + 5 * 2);
        for (Map.Entry<Set<String>, Integer> frozen : headFloats.entrySet()) {
            TrainingOptions options = new TrainingOptions(3, 0.02f, TrainingOptions.Schedule.FIXED, 10,
                    TrainingOptions.Optimizer.SGD, 6).withFrozen(frozen.getKey());
            Record cachedScores = new Record();
            Graph cached = DjlTrainer.train(g, WeightConstraints.NONE, data, options, cachedScores, Long.MAX_VALUE);
            Record wholeScores = new Record();
            Graph whole = DjlTrainer.train(g, WeightConstraints.NONE, data, options, wholeScores, 0);
            assertEquals(g.nodes().size(), cached.nodes().size());
            for (int i = 0; i < g.nodes().size(); i++) {
                String name = g.nodes().get(i).name();
                assertEquals(name, cached.nodes().get(i).name());
                if (g.nodes().get(i).layer() instanceof Dense d) {
                    float[] want = ((Dense) whole.nodes().get(i).layer()).weights().toDense().data();
                    float[] got = ((Dense) cached.nodes().get(i).layer()).weights().toDense().data();
                    for (int j = 0; j < want.length; j++) {
                        assertEquals(want[j], got[j], 1e-4, name + " weight " + j);
                    }
                    if (frozen.getKey().contains(name)) {
                        assertArrayEquals(d.weights().toDense().data(), got, name);
                    } else {
                        assertFalse(Arrays.equals(d.weights().toDense().data(), got), name);
                    }
                }
            }
            for (int e = 0; e < 3; e++) {
                assertEquals(wholeScores.tests.get(e).mse(), cachedScores.tests.get(e).mse(), 1e-4);
            }
            // the head ran once per table row (7 and 5 rows, train and test), not once per pair
            assertEquals(1, cachedScores.heads);
            assertEquals(2L * 4 * frozen.getValue(), cachedScores.headBytes, frozen.getKey().toString());
            assertEquals(0, wholeScores.heads);
        }
    }

    @Test
    void weightDecayShrinksTheWeights() {
        Random r = new Random(15);
        Dataset data = blobs(r, 120);
        Graph g = mlp(new int[] {4, 8, 3}, r);
        for (TrainingOptions.Optimizer optimizer : TrainingOptions.Optimizer.values()) {
            TrainingOptions plain = new TrainingOptions(3, 0.01f, TrainingOptions.Schedule.FIXED, 16, optimizer, 4);
            TrainingOptions decayed = new TrainingOptions(3, 0.01f, TrainingOptions.Schedule.FIXED, 16, optimizer, 4,
                    0.5f, Set.of());
            double a = norm(DjlTrainer.train(g, data, plain, TrainingListener.SILENT));
            double b = norm(DjlTrainer.train(g, data, decayed, TrainingListener.SILENT));
            assertTrue(b < 0.9 * a, optimizer + ": weight norm " + a + " without decay, " + b + " with");
        }
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(1, 0.1f,
                TrainingOptions.Schedule.FIXED, 2, TrainingOptions.Optimizer.SGD, 1, -1f, Set.of()));
    }

    private static double norm(Graph g) {
        double s = 0;
        for (Node n : g.nodes()) {
            if (n.layer() instanceof Dense d) {
                for (float v : d.weights().toDense().data()) {
                    s += (double) v * v;
                }
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void aKilledTrainingResumesAfterItsLastEpochFromTheCheckpoint(@TempDir Path dir) throws Exception {
        Random r = new Random(12);
        Dataset data = blobs(r, 120);
        Graph g = mlp(new int[] {4, 16, 3}, r);
        TrainingOptions options = new TrainingOptions(3, 0.01f, TrainingOptions.Schedule.COSINE, 16,
                TrainingOptions.Optimizer.ADAM, 5);
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(dir.resolve("ckpt"), "mlp on blobs " + options);
        class Killed extends RuntimeException {
        }
        Record first = new Record() {
            @Override
            public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
                super.epochDone(epoch, epochs, meanLoss, test);
                if (epoch == 2) {
                    throw new Killed();
                }
            }
        };
        assertThrows(Killed.class, () -> DjlTrainer.train(g, data, options, first, checkpoint));
        assertEquals(1, checkpoint.load().epochs(), "epoch 2 ended before its checkpoint");
        assertTrue(Files.exists(dir.resolve("ckpt/epoch-1.sham")));

        List<String> heard = new ArrayList<>();
        Record second = new Record() {
            @Override
            public void resumed(int done, int epochs, String where) {
                heard.add("resumed " + done + "/" + epochs);
            }

            @Override
            public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
                super.epochDone(epoch, epochs, meanLoss, test);
                heard.add("epoch " + epoch);
            }
        };
        Graph trained = DjlTrainer.train(g, data, options, second, checkpoint);
        assertEquals(List.of("resumed 1/3", "epoch 2", "epoch 3"), heard);
        assertEquals(2 * 8, second.batchLosses.size(), "epochs 2 and 3 only, 8 batches each");
        assertEquals(3, checkpoint.load().epochs());
        assertTrue(second.tests.get(1).accuracy() > 0.9, "accuracy " + second.tests.get(1).accuracy());
        assertFalse(Arrays.equals(firstWeights(trained), firstWeights(checkpointAfterOne(g, data, options))));
        checkpoint.delete();
        assertFalse(Files.exists(checkpoint.dir()));

        TrainingCheckpoint other = new TrainingCheckpoint(dir.resolve("ckpt"), "another training");
        DjlTrainer.train(g, data, options, new Record(), checkpoint);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlTrainer.train(g, data,
                options, new Record(), other));
        assertTrue(e.getMessage().contains("checkpoint of another training"), e.getMessage());
        TrainingOptions shorter = new TrainingOptions(2, 0.01f, TrainingOptions.Schedule.COSINE, 16,
                TrainingOptions.Optimizer.ADAM, 5);
        e = assertThrows(IllegalArgumentException.class, () -> DjlTrainer.train(g, data, shorter, new Record(),
                new TrainingCheckpoint(dir.resolve("ckpt"), "mlp on blobs " + options)));
        assertTrue(e.getMessage().contains("holds 3 epochs, more than the 2"), e.getMessage());
    }

    private static Graph checkpointAfterOne(Graph g, Dataset data, TrainingOptions options) {
        return DjlTrainer.train(g, data, new TrainingOptions(1, options.learningRate(), options.schedule(),
                options.batchSize(), options.optimizer(), options.seed()), TrainingListener.SILENT);
    }

    private static float[] firstWeights(Graph g) {
        return ((Dense) g.nodes().get(0).layer()).weights().toDense().data();
    }

    @Test
    void twoTrainingsAtOnceOnTwoThreadsGiveWhatEachGivesAlone() throws Exception {
        Random r = new Random(13);
        Dataset data = blobs(r, 96);
        Graph a = withDropout(mlp(new int[] {4, 32, 3}, r));
        Graph b = withDropout(mlp(new int[] {4, 24, 3}, r));
        TrainingOptions oa = new TrainingOptions(2, 0.01f, TrainingOptions.Schedule.COSINE, 8,
                TrainingOptions.Optimizer.ADAM, 1);
        TrainingOptions ob = new TrainingOptions(2, 0.05f, TrainingOptions.Schedule.FIXED, 8,
                TrainingOptions.Optimizer.SGD, 2);
        float[] aloneA = firstWeights(DjlTrainer.train(a, data, oa, TrainingListener.SILENT));
        float[] aloneB = firstWeights(DjlTrainer.train(b, data, ob, TrainingListener.SILENT));
        assertArrayEquals(aloneA, firstWeights(DjlTrainer.train(a, data, oa, TrainingListener.SILENT)),
                "dropout follows the seed");
        assertFalse(Arrays.equals(aloneA, firstWeights(DjlTrainer.train(a, data, new TrainingOptions(2, 0.01f,
                TrainingOptions.Schedule.COSINE, 8, TrainingOptions.Optimizer.ADAM, 9), TrainingListener.SILENT))),
                "another seed, other masks and order");
        for (int round = 0; round < 3; round++) {
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var fa = two.submit(() -> {
                    TorchThreads.set(1);
                    return firstWeights(DjlTrainer.train(a, data, oa, TrainingListener.SILENT));
                });
                var fb = two.submit(() -> {
                    TorchThreads.set(1);
                    return firstWeights(DjlTrainer.train(b, data, ob, TrainingListener.SILENT));
                });
                assertArrayEquals(aloneA, fa.get(), "round " + round);
                assertArrayEquals(aloneB, fb.get(), "round " + round);
            } finally {
                two.shutdown();
            }
        }
    }

    /** The graph with dropout (rate 0.5) after its first activation. */
    private static Graph withDropout(Graph g) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.name().equals("d1")) {
                nodes.add(new Node("drop", new org.sham4j.model.graph.Dropout(0.5f), List.of("r0"), "drop"));
                nodes.add(new Node(n.name(), n.layer(), List.of("drop"), n.output()));
            } else {
                nodes.add(n);
            }
        }
        return g.withNodes(nodes);
    }

    /** Three Gaussian blobs in 4 dimensions, n samples (train and test the same). */
    private static Dataset blobs(Random r, int n) {
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) r.nextGaussian() * 0.5f + (j == c ? 2f : 0f);
            }
        }
        Samples s = Samples.of(List.of(new Tensor(new int[] {n, 4}, x)), y);
        return new Dataset("blobs", s, s, 3);
    }

    private static Graph mlp(int[] sizes, Random r) {
        List<Node> nodes = new ArrayList<>();
        String x = "x";
        for (int k = 0; k + 1 < sizes.length; k++) {
            String d = "d" + k;
            nodes.add(new Node(d, new Dense(DjlModelTest.matrix(sizes[k], sizes[k + 1], r), new float[sizes[k + 1]]),
                    List.of(x), d));
            x = d;
            if (k + 2 < sizes.length) {
                nodes.add(new Node("r" + k, new Activation(Activation.Function.RELU), List.of(x), "r" + k));
                x = "r" + k;
            }
        }
        return new Graph(List.of(new InputSpec("x", new int[] {sizes[0]})), nodes, List.of(x),
                Preprocessing.IDENTITY);
    }
}
