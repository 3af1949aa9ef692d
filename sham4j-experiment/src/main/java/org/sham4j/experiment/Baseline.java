package org.sham4j.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.sham4j.compress.Metric;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.DjlTrainer;
import org.sham4j.djl.TorchThreads;
import org.sham4j.djl.TrainingCheckpoint;
import org.sham4j.djl.TrainingListener;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.zoo.Zoo;

/**
 * The original model every configuration of a sweep starts from, with its test score on the Java runtime and what
 * identifies it exactly (part of every configuration's key). A model file is read as it is; a zoo architecture is
 * trained by its recipe once, into {@code DIR/baselines/ARCH-ID.sham}, and reused by every configuration and every
 * later run; its training saves a checkpoint after each epoch ({@code ...sham.ckpt}) and a rerun continues it.
 *
 * @param identity a file's SHA-256, or the architecture with its recipe, data set and preprocessing
 */
public record Baseline(Graph graph, String identity, Evaluation score) {
    /** The folder of trained baselines inside a sweep's folder. */
    static final String DIR = "baselines";

    /** The untrained model (zoo) or the file's, checked against the configurations before anything trains. */
    record Prepared(Graph graph, String identity, Path trained) {
    }

    /** Reads or builds the model and checks that every configuration fits it (layers, per-layer targets, data). */
    static Prepared prepare(SweepSpec spec, Dataset data, Path dir, Sweep.ModelLoader loader,
            List<Configuration> configurations) throws IOException {
        Graph graph;
        String identity;
        Path trained = null;
        String pre = spec.preprocessing().describe();
        if (spec.model() instanceof SweepSpec.FileModel f) {
            identity = "file sha256:" + Rows.sha256(Files.readAllBytes(f.file()))
                    + (pre.isEmpty() ? "" : " preprocessing " + pre);
            graph = loader.load(f.file());
        } else {
            SweepSpec.ZooModel z = (SweepSpec.ZooModel) spec.model();
            identity = "zoo " + z.architecture() + " trained " + z.recipe().describe() + " on " + spec.data()
                    + (pre.isEmpty() ? "" : " preprocessing " + pre);
            graph = Zoo.build(z.architecture(), z.recipe().seed());
            trained = dir.resolve(DIR).resolve(z.architecture() + "-" + Rows.sha256(identity).substring(0, 12)
                    + ModelFile.EXTENSION);
        }
        graph = graph.withPreprocessing(spec.preprocessing().apply(graph.preprocessing()));
        check(spec, graph, data, configurations);
        return new Prepared(graph, identity, trained);
    }

    private static void check(SweepSpec spec, Graph graph, Dataset data, List<Configuration> configurations) {
        try {
            Evaluation.checkInputs(graph, data.train());
            Evaluation.preprocess(graph, data.test().batch(0, Math.min(1, data.test().size())));
        } catch (IllegalArgumentException e) {
            throw new SpecException(spec.source() + ": data " + spec.data() + " does not fit the model "
                    + spec.model().label() + ": " + e.getMessage());
        }
        if (data.train().size() == 0 || data.test().size() == 0) {
            throw new SpecException(spec.source() + ": data " + spec.data() + " has no training or no test samples");
        }
        Set<String> layerGroups = new LinkedHashSet<>();
        configurations.forEach(c -> layerGroups.add(c.layers()));
        for (String group : layerGroups) {
            List<String> selected;
            try {
                selected = LayerSelection.byName(group).select(graph);
            } catch (IllegalArgumentException e) {
                throw new SpecException(spec.source() + ": grid.layers: " + group + ": " + e.getMessage());
            }
            for (Configuration c : configurations) {
                if (c.layers().equals(group) && c.prune().size() > 1 && c.prune().size() != selected.size()) {
                    throw new SpecException(spec.source() + ": grid.prune: " + c.prune() + " gives "
                            + c.prune().size() + " targets, the " + selected.size() + " " + group + " layers of "
                            + spec.model().label() + " need one each " + selected);
                }
            }
        }
    }

    /**
     * The baseline ready: a zoo model trained (or read from an earlier run), then scored by {@code scorer} (on the
     * Java runtime, through a frozen head's results where the configurations freeze one).
     */
    static Baseline ready(SweepSpec spec, Prepared p, Dataset data, PrintStream err, boolean quiet,
            Function<Graph, Evaluation> scorer) throws IOException {
        Graph graph = p.graph();
        if (p.trained() != null) {
            if (Files.exists(p.trained())) {
                graph = ModelFile.load(p.trained());
                say(err, quiet, "baseline: " + p.trained() + " (trained by an earlier run)");
            } else {
                SweepSpec.Recipe recipe = ((SweepSpec.ZooModel) spec.model()).recipe();
                say(err, quiet, "baseline: training " + spec.model().label() + " on " + data.name() + ", "
                        + recipe.describe() + " -> " + p.trained());
                TorchThreads.set(recipe.threads());
                TrainingCheckpoint checkpoint = new TrainingCheckpoint(p.trained().resolveSibling(
                        p.trained().getFileName() + ".ckpt"), p.identity());
                graph = DjlTrainer.train(graph, data, recipe.options(), new Epochs(err, quiet,
                        data.isClassification()), checkpoint);
                ModelFile.save(p.trained(), graph);
                checkpoint.delete();
            }
        }
        Evaluation score = scorer.apply(graph);
        say(err, quiet, "baseline: test " + Metric.describe(score, data.isClassification())
                + " on the Java runtime (" + score.samples() + " samples)");
        return new Baseline(graph, p.identity(), score);
    }

    private static void say(PrintStream err, boolean quiet, String line) {
        if (!quiet) {
            err.println(line);
        }
    }

    /** A line per epoch of the baseline's training. */
    private record Epochs(PrintStream err, boolean quiet, boolean classification) implements TrainingListener {
        @Override
        public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
        }

        @Override
        public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
            say(err, quiet, String.format("baseline: epoch %d/%d, loss %.4f, test %s", epoch, epochs, meanLoss,
                    Metric.describe(test, classification)));
        }

        @Override
        public void resumed(int done, int epochs, String where) {
            say(err, quiet, "baseline: resuming after epoch " + done + " of " + epochs + " from " + where);
        }
    }
}
