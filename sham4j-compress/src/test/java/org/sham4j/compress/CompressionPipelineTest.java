package org.sham4j.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.data.Samples;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.io.WeightSizes;
import org.sham4j.model.zoo.Zoo;

/** The compression pipeline and the comparison as a library, on LeNet-300-100 and 200 synthetic samples. */
class CompressionPipelineTest {
    /** 784 values in 0..255 whose class is the brightest of ten stripes. */
    static Dataset stripes(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 784];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            y[i] = c;
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = r.nextInt(60) + (j * 10 / 784 == c ? 180 : 0);
            }
        }
        Samples s = Samples.of(List.of(new Tensor(new int[] {n, 784}, x)), y);
        return new Dataset("stripes", s, s, 10);
    }

    private static final TrainingOptions TRAINING = new TrainingOptions(1, 2e-3f, TrainingOptions.Schedule.COSINE, 50,
            TrainingOptions.Optimizer.ADAM, 3);

    /** Records what a listener hears, in order. */
    private static final class Log implements CompressionListener {
        final List<String> events = new ArrayList<>();
        int batches;

        @Override
        public void originalScored(Evaluation score, boolean classification) {
            events.add("original " + score.accuracy());
        }

        @Override
        public void stageStarted(String name, String what) {
            events.add("start " + name);
        }

        @Override
        public void stageFinished(Stage stage) {
            events.add("done " + stage.name());
        }

        @Override
        public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
            this.batches++;
        }
    }

    @Test
    void theOriginalIsScoredFirstThenEveryStageInOrder() {
        Dataset data = stripes(200, 3);
        Graph original = Zoo.build("lenet-300-100", 3);
        CompressionPlan plan = CompressionPlan.builder().layers(LayerSelection.DENSE).prune(90).pruneSteps(2)
                .quantize("cws:8").unified(true).finetuneEpochs(1).training(TRAINING).build();
        Log log = new Log();
        CompressionResult r = CompressionPipeline.run(original, data, plan, log);

        assertTrue(log.events.get(0).startsWith("original "), log.events.toString());
        List<String> names = log.events.stream().filter(e -> e.startsWith("done ")).toList();
        assertEquals(List.of("done prune 1/2", "done retrain 1/2", "done prune 2/2", "done retrain 2/2",
                "done quantize", "done shared-value training", "done encode", "done score"), names);
        assertEquals(3 * 4, log.batches, "three trainings of one epoch of 4 batches");
        assertEquals(8, r.stages().size());

        Evaluation baseline = CompressionPipeline.score(original, data);
        assertEquals(baseline.accuracy(), r.baseline().accuracy());
        assertEquals(CompressionPipeline.score(r.graph(), data).accuracy(), r.score().accuracy());
        assertEquals(ModelFile.toBytes(r.graph()).length, r.fileBytes());
        assertEquals(LayerSelection.DENSE.select(original), r.selected());
        long nonZeros = 0;
        long entries = 0;
        for (LayerReport l : r.layers()) {
            assertTrue(l.distinctValues() <= 8, l.toString());
            nonZeros += l.nonZeros();
            entries += (long) l.size().rows() * l.size().cols();
        }
        assertEquals(0.10, (double) nonZeros / entries, 0.005, "90 % pruned overall");
        Stage.PruneRound last = (Stage.PruneRound) r.stages().get(2);
        assertEquals(90, last.sparsity(), 0.01);
        Stage.Quantize q = (Stage.Quantize) r.stages().get(4);
        assertEquals(1, q.codebookSizes().size(), "unified: one codebook");
        assertTrue(r.occupancy() < 0.1, "psi " + r.occupancy());
        assertEquals(r.score().accuracy() - r.baseline().accuracy(), r.difference());

        Comparison c = Comparison.of(original, r.baseline(), r.graph(), r.score(), data,
                new Comparison.Settings(64, 1, 1, 0));
        assertEquals(r.bytes(), c.bytes());
        assertEquals(r.denseBytes(), c.denseBytes());
        assertEquals(WeightSizes.of(original).storedBytes(), c.originalBytes());
        assertEquals(4L * (784 * 300 + 300 * 100 + 100 * 10), c.denseBytes());
        assertEquals(c.occupancy(), c.occupancy(r.selected()), 1e-12, "every weighted layer is selected");
        assertEquals(c.bytes(List.of(c.layers().get(0).node())), c.layers().get(0).bytes());
        assertEquals(r.score().accuracy(), c.score());
        assertEquals(r.difference(), c.difference(), 1e-12);
        assertTrue(c.timeRatio() > 0 && Double.isFinite(c.timeRatio()));
        assertEquals(64, c.batch());
        assertTrue(c.compressedPicojoules() < c.originalPicojoules() / 2, c.compressedPicojoules() + " pJ");
        assertEquals(c.originalPicojoules(), c.layers().stream().mapToDouble(Comparison.LayerPair::originalPicojoules)
                .sum(), 1e-6 * c.originalPicojoules(), "LeNet's energy is its three products'");
        Comparison scored = Comparison.of(original, r.graph(), data, new Comparison.Settings(64, 1, 1, 0));
        assertEquals(c.score(), scored.score(), "the comparison scores as the pipeline does");
        assertEquals(c.baseline(), scored.baseline());
    }

    /** The stripes as 1x28x28 images. */
    private static Dataset images(Dataset flat) {
        Tensor x = flat.train().input(0);
        Samples s = Samples.of(List.of(new Tensor(new int[] {x.dim(0), 1, 28, 28}, x.data())),
                flat.train().targets());
        return new Dataset("stripe images", s, s, 10);
    }

    /** Counts the frozen heads fine-tuning computed on its own. */
    private static final class TrainerHeads implements CompressionListener {
        int computed;

        @Override
        public void frozenHeadComputed(int tensors, long bytes, double seconds) {
            computed++;
        }
    }

    @Test
    void aFrozenHeadRunsOnceForAWholeCompressionAndOnceForASweep() {
        Dataset data = images(stripes(100, 6));
        Graph original = Zoo.build("lenet-5", 6);
        CompressionPlan plan = CompressionPlan.builder().layers(LayerSelection.DENSE)
                .trainable(CompressionPlan.Trainable.SELECTED).prune(80).pruneSteps(2).quantize("cws:8")
                .finetuneEpochs(1).training(TRAINING).build();
        HeadCache heads = new HeadCache();
        TrainerHeads trainer = new TrainerHeads();
        CompressionResult r = CompressionPipeline.run(original, null, data, plan, trainer, heads);

        assertEquals(List.of("frozen head", "prune 1/2", "retrain 1/2", "prune 2/2", "retrain 2/2", "quantize",
                "shared-value training", "encode", "score"), r.stages().stream().map(Stage::name).toList());
        assertEquals(0, trainer.computed, "no fine-tuning ran the head again");
        Stage.Head head = (Stage.Head) r.stages().get(0);
        assertEquals(2, head.layers(), "the two convolutions");
        assertEquals(200, head.samples());
        assertEquals(2L * 100 * 800 * 4, head.bytes(), "800 floats after the second pool, train and test");
        assertFalse(head.reused());
        assertEquals(heads.bytes(), head.bytes());
        for (int i = 0; i < original.nodes().size(); i++) {
            if (original.nodes().get(i).layer() instanceof Conv c) {
                assertArrayEquals(c.weights().toDense().data(),
                        ((Conv) r.graph().nodes().get(i).layer()).weights().toDense().data(), "frozen conv");
            }
        }
        assertTrue(r.layers().stream().filter(l -> r.selected().contains(l.size().node()))
                .allMatch(l -> l.distinctValues() <= 8));
        Evaluation whole = CompressionPipeline.score(r.graph(), data);
        assertEquals(whole.accuracy(), r.score().accuracy(), "the tail on the head's results scores as the graph");
        assertEquals(WeightSizes.of(r.graph()).storedBytes(), r.score().weightBytes());
        Evaluation originalWhole = CompressionPipeline.score(original, data);
        assertEquals(originalWhole.accuracy(), r.baseline().accuracy(), "the original's score, on its tail");
        assertEquals(originalWhole.weightBytes(), r.baseline().weightBytes());
        assertEquals(originalWhole.accuracy(), CompressionPipeline.score(original, data, plan, heads).accuracy());

        CompressionResult again = CompressionPipeline.run(original, r.baseline(), data, plan,
                CompressionListener.SILENT, heads);
        assertTrue(((Stage.Head) again.stages().get(0)).reused(), "a second compression reuses the head");
        assertArrayEquals(ModelFile.toBytes(r.graph()), ModelFile.toBytes(again.graph()));

        // with no room for the head, every fine-tuning computes it again (as before) and gives the same model
        TrainerHeads each = new TrainerHeads();
        CompressionResult uncached = CompressionPipeline.run(original, r.baseline(), data, plan, each,
                new HeadCache(0));
        assertEquals(3, each.computed, "two retrainings and the shared-value training");
        assertEquals("prune 1/2", uncached.stages().get(0).name());
        assertArrayEquals(ModelFile.toBytes(r.graph()), ModelFile.toBytes(uncached.graph()));
        assertEquals(r.score().accuracy(), uncached.score().accuracy());

        // the test samples' head on PyTorch: the same tail (it trains on the same results), the same score
        CompressionResult torchTests = CompressionPipeline.run(original, null, data, plan, CompressionListener.SILENT,
                HeadCache.testsOnPyTorch());
        assertArrayEquals(ModelFile.toBytes(r.graph()), ModelFile.toBytes(torchTests.graph()));
        assertEquals(r.score().accuracy(), torchTests.score().accuracy(), 1e-9);
        assertEquals(r.baseline().accuracy(), torchTests.baseline().accuracy(), 1e-9);
    }

    @Test
    void withoutPruningOrSharingOnlyEncodingAndScoreRun() {
        Dataset data = stripes(60, 4);
        Graph original = Zoo.build("lenet-300-100", 4);
        Log log = new Log();
        CompressionResult r = CompressionPipeline.run(original, data, CompressionPlan.builder().format("csr")
                .finetuneEpochs(0).build(), log);
        assertEquals(List.of("encode", "score"), r.stages().stream().map(Stage::name).toList());
        assertTrue(r.layers().stream().allMatch(l -> l.size().format().equals("csr")));
        assertEquals(r.baseline().accuracy(), r.score().accuracy(), "formats are exact");
    }

    @Test
    void badPlansAreRefusedWithTheirReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompressionPlan.builder().prune(120).build())
                .getMessage().contains("between 0 and 100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompressionPlan.builder().pruneSteps(0)
                .build()).getMessage().contains("prune steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompressionPlan.builder().finetuneEpochs(-1)
                .build()).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompressionPlan.builder().quantize("kmeans:4"))
                .getMessage().contains("unknown quantizer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompressionPlan.builder().format("zip"))
                .getMessage().contains("zip"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompressionPlan.PruneScope.byName("all"))
                .getMessage().contains("layer or global"));
        Dataset data = stripes(20, 5);
        CompressionPlan twoTargets = CompressionPlan.builder().prune(50, 60).finetuneEpochs(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompressionPipeline.run(
                Zoo.build("lenet-300-100", 1), data, twoTargets, CompressionListener.SILENT));
        assertTrue(e.getMessage().contains("2 sparsities for 3 selected layers"), e.getMessage());
    }
}
