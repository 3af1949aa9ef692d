package org.sham4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.DjlTrainer;
import org.sham4j.djl.TrainingCheckpoint;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.zoo.Zoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham train ARCH --data DATA --out MODEL.sham}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an architecture on a data set with DJL (PyTorch CPU engine) and write the model (.sham).",
            "Architectures: lenet-300-100, lenet-5, deepdta (DAVIS), deepdta-kiba, vgg19 (CIFAR-10), vgg19-mnist.",
            "Data: " + DataSpec.SYNTAX + "."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ARCH", description = "architecture name")
    String architecture;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "data set, e.g. mnist:DIR")
    String data;

    @Option(names = "--out", required = true, paramLabel = "MODEL.sham", description = "output model (atomic)")
    Path out;

    @Option(names = "--epochs", defaultValue = "10", description = "passes over the training set (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
    float learningRate;

    @Mixin
    TrainingFlags training;

    @Mixin
    PreprocessingOptions preprocessing;

    @Option(names = "--resume", description = "continue the training whose checkpoint is in OUT.ckpt (the weights "
            + "are saved there after each epoch and removed at the end)")
    boolean resume;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TrainingOptions options = training.options(epochs, learningRate, Set.of());
        OutputPaths.check(out);
        Graph graph = preprocessing.apply(Zoo.build(architecture, training.seed), architecture, "train", System.err);
        Dataset dataset = DataSpec.open(data);
        if (dataset.train().size() == 0 || dataset.test().size() == 0) {
            throw new IllegalArgumentException(dataset.name() + ": no training or no test samples");
        }
        Evaluation.checkInputs(graph, dataset.train());
        Evaluation.preprocess(graph, dataset.train().batch(0, 1));
        int batches = (dataset.train().size() + training.batch - 1) / training.batch;
        long start = System.nanoTime();
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(checkpointDir(out),
                "train " + architecture + " on " + data + " " + options);
        if (!resume && Files.exists(checkpoint.dir())) {
            throw new IllegalArgumentException(checkpoint.dir() + " holds the checkpoint of an earlier run: pass "
                    + "--resume to continue it, or delete it to start again");
        }
        Graph trained = DjlTrainer.train(graph, dataset, options,
                new TrainProgress(epochs, batches, dataset.isClassification(), !quiet), checkpoint);
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelFile.save(out, trained);
        checkpoint.delete();
        System.out.printf("%s on %s: %d epochs in %.1f s -> %s%n", architecture, dataset.name(), epochs, seconds, out);
        return 0;
    }

    /** Where a training into {@code out} keeps its checkpoint: {@code OUT.ckpt} beside it. */
    static Path checkpointDir(Path out) {
        return out.resolveSibling(out.getFileName() + ".ckpt");
    }
}
