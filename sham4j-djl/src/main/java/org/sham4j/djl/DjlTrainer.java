package org.sham4j.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.sham4j.data.Batch;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.data.HeadFeatures;
import org.sham4j.data.Samples;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;

/**
 * Trains a model graph on a data set with DJL: softmax cross-entropy on the logits for classification, mean
 * squared error for regression; SGD with momentum 0.9 or Adam, the learning rate fixed or on a cosine schedule,
 * optional L2 weight decay, and optionally some nodes frozen. Shuffling and dropout follow the seed (dropout's
 * masks from the seed, epoch and batch, whatever else trains at the same time). The test samples are scored after
 * each epoch.
 */
public final class DjlTrainer {
    private static final float MOMENTUM = 0.9f;
    private static final int EVAL_BATCH = 1000;

    private DjlTrainer() {
    }

    /** The graph with trained weights (dense storage). */
    public static Graph train(Graph graph, Dataset data, TrainingOptions options, TrainingListener listener) {
        return train(graph, WeightConstraints.NONE, data, options, listener);
    }

    /**
     * {@link #train(Graph, Dataset, TrainingOptions, TrainingListener)}, saving the weights to {@code checkpoint}
     * after each epoch and, when it holds an earlier run's epochs, continuing after the last one (see
     * {@link TrainingCheckpoint} for what resumes). Every node trains.
     */
    public static Graph train(Graph graph, Dataset data, TrainingOptions options, TrainingListener listener,
            TrainingCheckpoint checkpoint) throws IOException {
        if (!options.frozen().isEmpty()) {
            throw new IllegalArgumentException("a checkpointed training trains every node");
        }
        Evaluation.checkInputs(graph, data.train());
        TrainingCheckpoint.Resume resume = checkpoint.load();
        if (resume != null && resume.epochs() > options.epochs()) {
            throw new IllegalArgumentException(checkpoint.dir() + " holds " + resume.epochs() + " epochs, more than "
                    + "the " + options.epochs() + " asked for");
        }
        if (resume != null) {
            listener.resumed(resume.epochs(), options.epochs(), checkpoint.dir().toString());
        }
        return trainWhole(resume == null ? graph : resume.graph(), WeightConstraints.NONE, data, options, listener,
                resume == null ? 0 : resume.epochs(), checkpoint);
    }

    /**
     * Fine-tuning: the graph with trained weights (dense storage), pruned weights still exactly 0 and shared
     * weights equal to their (trained) shared values. When the frozen nodes form a {@link FrozenHead} with weights
     * (and no constrained node is in it), the head's results are computed once (the training samples' on PyTorch, the
     * test samples' on the Java runtime, as scores run) and only the tail trains, on them, unless they would take
     * more than a quarter of the heap.
     */
    public static Graph train(Graph graph, WeightConstraints constraints, Dataset data, TrainingOptions options,
            TrainingListener listener) {
        return train(graph, constraints, data, options, listener, Runtime.getRuntime().maxMemory() / 4);
    }

    /** {@link #train}, holding at most {@code headBytes} of frozen-head results in memory (0: no head). */
    static Graph train(Graph graph, WeightConstraints constraints, Dataset data, TrainingOptions options,
            TrainingListener listener, long headBytes) {
        Evaluation.checkInputs(graph, data.train());
        if (!options.frozen().isEmpty()) {
            FrozenHead cut = new FrozenHead(graph, options.frozen());
            if (cut.saves() && cut.tailNodes().containsAll(constraints.nodes())) {
                long start = System.nanoTime();
                Dataset features = HeadFeatures.of(cut, graph, data, headBytes, DjlModel.HEADS);
                if (features != null) {
                    listener.frozenHeadComputed(cut.frontier().size(), HeadFeatures.bytes(features),
                            (System.nanoTime() - start) / 1e9);
                    Graph tail = HeadFeatures.tail(cut, features.train());
                    Set<String> frozenTail = new HashSet<>(options.frozen());
                    frozenTail.retainAll(cut.tailNodes());
                    return cut.merge(trainWhole(tail, constraints, features, options.withFrozen(frozenTail),
                            listener, 0, null));
                }
            }
        }
        return trainWhole(graph, constraints, data, options, listener, 0, null);
    }

    /**
     * Trains from the end of epoch {@code done} (the shuffling replayed and the learning rate's schedule moved on to
     * there), saving to {@code checkpoint} (null: none) after each epoch.
     */
    private static Graph trainWhole(Graph graph, WeightConstraints constraints, Dataset data,
            TrainingOptions options, TrainingListener listener, int done, TrainingCheckpoint checkpoint) {
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        Loss loss = data.isClassification() ? Loss.softmaxCrossEntropyLoss() : new L2Loss("mse", 1f);
        int batchesPerEpoch = (data.train().size() + options.batchSize() - 1) / options.batchSize();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(optimizer(options,
                options.epochs() * batchesPerEpoch, done * batchesPerEpoch));
        Random random = new Random(options.seed());
        Samples train = data.train();
        for (int epoch = 1; epoch <= done; epoch++) {
            train.shuffledBatches(options.batchSize(), random);
        }
        try (DjlModel model = new DjlModel(graph, constraints); Trainer trainer = model.model().newTrainer(config)) {
            model.freeze(options.frozen());
            for (int epoch = done + 1; epoch <= options.epochs(); epoch++) {
                List<int[]> batches = train.shuffledBatches(options.batchSize(), random);
                double lossSum = 0;
                long seen = 0;
                for (int k = 0; k < batches.size(); k++) {
                    Batch batch = train.batch(batches.get(k));
                    DropoutMasks.forStep(options.seed(), epoch, k);
                    lossSum += step(trainer, graph, batch, data.isClassification()) * batch.size();
                    seen += batch.size();
                    listener.batchDone(epoch, options.epochs(), k, batches.size(), lossSum / seen);
                }
                Evaluation test = Evaluation.of(graph, data.test(), data.isClassification(), EVAL_BATCH,
                        model::predict);
                listener.epochDone(epoch, options.epochs(), lossSum / seen, test);
                if (checkpoint != null) {
                    save(checkpoint, model.toGraph(), epoch);
                }
            }
            return model.toGraph();
        } finally {
            DropoutMasks.clear();
        }
    }

    private static void save(TrainingCheckpoint checkpoint, Graph graph, int epoch) {
        try {
            checkpoint.save(graph, epoch);
        } catch (IOException e) {
            throw new UncheckedIOException(checkpoint.dir() + ": cannot save epoch " + epoch + ": " + e.getMessage(),
                    e);
        }
    }

    /** One optimisation step; the batch's mean loss. */
    private static double step(Trainer trainer, Graph graph, Batch batch, boolean classification) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDList inputs = DjlModel.toNd(manager, Evaluation.preprocess(graph, batch));
            NDArray labels = manager.create(batch.targets());
            double value;
            try (ThreadGradients collector = new ThreadGradients()) {
                NDArray prediction = trainer.forward(inputs).get(0);
                NDArray target = classification ? labels : labels.reshape(prediction.getShape());
                NDArray l = trainer.getLoss().evaluate(new NDList(target), new NDList(prediction));
                collector.backward(l);
                value = l.getFloat();
            }
            trainer.step();
            return value;
        }
    }

    /** The optimiser of a training of {@code steps} steps, its learning rate's schedule {@code done} steps on. */
    private static Optimizer optimizer(TrainingOptions o, int steps, int done) {
        Tracker schedule = switch (o.schedule()) {
            case FIXED -> Tracker.fixed(o.learningRate());
            case COSINE -> Tracker.cosine().setBaseValue(o.learningRate()).optFinalValue(0f)
                    .setMaxUpdates(Math.max(1, steps)).build();
        };
        Tracker rate = done == 0 ? schedule : update -> schedule.getNewValue(update + done);
        return switch (o.optimizer()) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum(MOMENTUM)
                    .optWeightDecays(o.weightDecay()).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(o.weightDecay()).build();
        };
    }
}
