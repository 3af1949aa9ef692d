package org.sham4j.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.sham4j.compress.Comparison;
import org.sham4j.compress.CompressionListener;
import org.sham4j.compress.CompressionPipeline;
import org.sham4j.compress.CompressionPlan;
import org.sham4j.compress.CompressionResult;
import org.sham4j.compress.HeadCache;
import org.sham4j.compress.Metric;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.TorchThreads;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;

/**
 * Runs a sweep: validates every configuration against the model, prepares the baseline (training a zoo
 * architecture once), skips the configurations whose rows the folder already holds, and runs the others on N
 * workers, each through the one compression pipeline and comparison ({@link CompressionPipeline},
 * {@link Comparison}), appending one row per configuration as it ends ({@link ResultsFile}). Each worker sets
 * PyTorch's intra-op threads to the spec's {@code torchThreads} on itself, so a configuration computes the same
 * whatever N; fine-tuning on a subset ({@code finetuneSamples}) takes the same samples in every configuration. A
 * frozen head's results (e.g. the convolutions under {@code layers: dense, trainable: selected}) are computed once
 * per sweep and training set ({@link HeadCache}).
 */
public final class Sweep {
    /** The seed of the fixed training subset of {@code finetuneSamples}. */
    static final long SUBSET_SEED = 0;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a model file ({@code .sham}, {@code .onnx}, {@code .h5}); the command line passes its own. */
    @FunctionalInterface
    public interface ModelLoader {
        Graph load(Path file) throws IOException;
    }

    /**
     * How to run: the sweep's folder, workers at once, no progress but failures, the model loader, where progress
     * goes and whether it is a terminal (redrawn in place).
     */
    public record Options(Path dir, int workers, boolean quiet, ModelLoader loader, PrintStream err,
                          boolean terminal) {
        public Options {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
            }
        }
    }

    /** What a run did: configurations in the grid, done before it, run by it, failed. */
    public record Summary(int configurations, int before, int ran, int failed, double seconds) {
    }

    /**
     * What every configuration of a sweep shares: the spec, the baseline (trained or read once), the data set and
     * the training sets of each {@code finetuneSamples} (a fixed subset each).
     */
    public record Job(SweepSpec spec, Baseline baseline, Dataset data, Map<Integer, Dataset> subsets,
                      HeadCache heads) {
        /**
         * The job of {@code spec} on a ready baseline, with the training subsets its configurations ask for and the
         * cache of frozen heads' results they share.
         */
        public static Job of(SweepSpec spec, Baseline baseline, Dataset data, List<Configuration> configurations,
                HeadCache heads) {
            return new Job(spec, baseline, data, Sweep.subsets(data, configurations), heads);
        }
    }

    /** The cache of frozen heads' results for a sweep of {@code spec} (one per JVM and sweep). */
    public static HeadCache heads(SweepSpec spec) {
        return spec.testHeadsOnPyTorch() ? HeadCache.testsOnPyTorch() : new HeadCache();
    }

    /** One configuration to run: its position in the spec's grid ({@link SweepSpec#configurations()}) and key. */
    public record Task(int index, Configuration configuration, String key) {
    }

    /** What a configuration gives: its results row and, when the spec keeps models, the model file's bytes. */
    public record Outcome(ObjectNode row, byte[] model) {
    }

    /**
     * Where configurations run: in this JVM ({@link #LOCAL}), or elsewhere (sham4j-spark runs each as a Spark task).
     * {@link #run} is called from N worker threads at once and gives the configuration's outcome, or throws a
     * RuntimeException whose message says why the configuration failed.
     */
    public interface Runner extends AutoCloseable {
        /** Called once the baseline is ready, before the first configuration. */
        default void start(Job job) throws IOException {
        }

        /** Runs one configuration; {@code listener} hears its stages where the runner can tell them. */
        Outcome run(Job job, Task task, CompressionListener listener) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** Runs configurations on this JVM's worker threads. */
    public static final Runner LOCAL = Sweep::compute;

    private Sweep() {
    }

    /** Runs the configurations of {@code spec} not yet in {@code options.dir()}, in this JVM. */
    public static Summary run(SweepSpec spec, Options options) throws IOException, InterruptedException {
        return run(spec, options, LOCAL);
    }

    /**
     * Runs the configurations of {@code spec} not yet in {@code options.dir()} on {@code runner}, N at once
     * ({@code options.workers()}); rows are appended here, as each configuration ends.
     */
    public static Summary run(SweepSpec spec, Options options, Runner runner) throws IOException,
            InterruptedException {
        long start = System.nanoTime();
        PrintStream err = options.err();
        List<Configuration> configurations = spec.configurations();
        Dataset data = DataSpec.open(spec.data());
        Baseline.Prepared prepared = Baseline.prepare(spec, data, options.dir(), options.loader(), configurations);
        try (ResultsFile results = ResultsFile.open(options.dir())) {
            if (results.cutBytes() > 0 && !options.quiet()) {
                err.printf("sweep: cut off a partial last line (%d bytes) of %s left by an interrupted run%n",
                        results.cutBytes(), options.dir().resolve(ResultsFile.JSONL));
            }
            keepSpec(spec, options.dir());
            List<Task> todo = new ArrayList<>();
            for (int i = 0; i < configurations.size(); i++) {
                Configuration c = configurations.get(i);
                String key = key(spec, c, prepared.identity());
                if (!results.has(key)) {
                    todo.add(new Task(i, c, key));
                }
            }
            int before = configurations.size() - todo.size();
            if (!options.quiet()) {
                err.printf("sweep %s: %d configurations, %d done before, %d to run on %d worker(s), %d PyTorch "
                        + "thread(s) each%n", spec.name(), configurations.size(), before, todo.size(),
                        options.workers(), spec.torchThreads());
            }
            if (todo.isEmpty()) {
                return new Summary(configurations.size(), before, 0, 0, (System.nanoTime() - start) / 1e9);
            }
            HeadCache heads = heads(spec);
            CompressionPlan first = todo.get(0).configuration().plan();
            Baseline baseline = Baseline.ready(spec, prepared, data, err, options.quiet(),
                    graph -> CompressionPipeline.score(graph, data, first, heads));
            Job job = Job.of(spec, baseline, data, todo.stream().map(Task::configuration).toList(), heads);
            runner.start(job);
            int failed = runAll(job, options, runner, results, todo, before, configurations.size());
            return new Summary(configurations.size(), before, todo.size() - failed, failed,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The key of a configuration of {@code spec} on the baseline {@code identity}. */
    public static String key(SweepSpec spec, Configuration c, String identity) {
        return Rows.key(Rows.config(spec.model().label(), spec.data(), c), identity);
    }

    private static int runAll(Job job, Options options, Runner runner, ResultsFile results, List<Task> todo,
            int before, int total) throws InterruptedException, IOException {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<IOException> fatal = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<Integer> worker = ThreadLocal.withInitial(next::getAndIncrement);
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try (SweepProgress progress = new SweepProgress(options.err(), total, before, options.workers(),
                options.quiet(), options.terminal())) {
            for (Task task : todo) {
                pool.execute(() -> {
                    if (fatal.get() != null) {
                        return;
                    }
                    int w = worker.get();
                    Configuration c = task.configuration();
                    try {
                        runOne(job, options, runner, results, task, w, progress);
                    } catch (IOException e) {
                        fatal.compareAndSet(null, e);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        failed.incrementAndGet();
                        progress.failed(w, c, oneLine(e));
                        recordFailure(options.dir(), task.key(), c, e);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (fatal.get() != null) {
                    pool.shutdownNow();
                }
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return failed.get();
    }

    private static void runOne(Job job, Options options, Runner runner, ResultsFile results, Task task, int w,
            SweepProgress progress) throws IOException {
        Configuration c = task.configuration();
        progress.started(w, c);
        CompressionListener listener = new CompressionListener() {
            @Override
            public void stageStarted(String name, String what) {
                progress.stage(w, name);
            }

            @Override
            public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
                progress.batch(w, epoch, epochs, batch, batches);
            }
        };
        Outcome outcome = runner.run(job, task, listener);
        ObjectNode row = outcome.row();
        if (!task.key().equals(row.path("key").asText())) {
            throw new IllegalStateException("configuration " + c.label() + " came back with key "
                    + row.path("key").asText() + ", expected " + task.key());
        }
        if (job.spec().keepModels() && outcome.model() != null) {
            AtomicFiles.write(options.dir().resolve("models").resolve(task.key() + ModelFile.EXTENSION),
                    outcome.model());
        }
        results.append(row);
        progress.finished(w, summary(c, row), row.path("wallSeconds").asDouble());
    }

    /** A finished configuration in one line: its score against the baseline's, ψ and time ratio. */
    private static String summary(Configuration c, ObjectNode row) {
        boolean classification = "accuracy".equals(row.path("metric").asText());
        Evaluation score = evaluation(row.path("score").asDouble(), row.path("ci").asDouble(Double.NaN));
        Evaluation base = evaluation(row.path("baseline").asDouble(), row.path("baselineCi").asDouble(Double.NaN));
        return String.format("%s: %s (baseline %s), psi %.4f of the %s layers, time ratio %.3f", c.label(),
                Metric.describe(score, classification), Metric.describe(base, classification),
                row.path("occupancy").asDouble(), c.layers(), row.path("timeRatio").asDouble(Double.NaN));
    }

    private static Evaluation evaluation(double score, double ci) {
        return new Evaluation(0, score, score, ci, Double.NaN, 0);
    }

    /**
     * Runs one configuration of a job to its outcome: the compression pipeline, the comparison with the original,
     * the row. The one computation of every runner; PyTorch's threads are set to the spec's on this thread.
     */
    public static Outcome compute(Job job, Task task, CompressionListener listener) throws IOException {
        long t0 = System.nanoTime();
        SweepSpec spec = job.spec();
        Configuration c = task.configuration();
        Baseline baseline = job.baseline();
        TorchThreads.set(spec.torchThreads());
        CompressionResult r = CompressionPipeline.run(baseline.graph(), baseline.score(),
                job.subsets().get(c.finetuneSamples()), c.plan(), listener, job.heads());
        listener.stageStarted("compare", "comparing with the original");
        Comparison cmp = Comparison.of(baseline.graph(), baseline.score(), r.graph(), r.score(), job.data(),
                spec.evaluation());
        byte[] model = spec.keepModels() ? ModelFile.toBytes(r.graph()) : null;
        double seconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode row = Rows.row(task.key(), Rows.config(spec.model().label(), spec.data(), c), r.selected(), r, cmp,
                seconds);
        return new Outcome(row, model);
    }

    /** The training sets of every {@code finetuneSamples} asked for: a fixed random subset each (null: all). */
    static Map<Integer, Dataset> subsets(Dataset data, List<Configuration> todo) {
        Map<Integer, Dataset> out = new HashMap<>();
        for (Configuration c : todo) {
            Integer n = c.finetuneSamples();
            if (out.containsKey(n)) {
                continue;
            }
            if (n == null || n >= data.train().size()) {
                out.put(n, data);
                continue;
            }
            int[] order = new int[data.train().size()];
            Arrays.setAll(order, i -> i);
            Random random = new Random(SUBSET_SEED);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            int[] picked = Arrays.copyOf(order, n);
            Arrays.sort(picked);
            out.put(n, new Dataset(data.name(), data.train().select(picked), data.test(), data.classes()));
        }
        return out;
    }

    /** Keeps a copy of the spec in the folder (the last run's), beside its results. */
    private static void keepSpec(SweepSpec spec, Path dir) throws IOException {
        Path source = Path.of(spec.source());
        String name = source.getFileName().toString();
        if (Files.isRegularFile(source) && name.contains(".")) {
            AtomicFiles.write(dir.resolve("spec" + name.substring(name.lastIndexOf('.'))), Files.readAllBytes(source));
        }
    }

    private static void recordFailure(Path dir, String key, Configuration c, Throwable e) {
        ObjectNode row = JSON.createObjectNode();
        row.put("key", key);
        row.set("config", JSON.valueToTree(c.fields()));
        row.put("error", oneLine(e));
        row.put("failedAt", Instant.now().toString());
        try {
            Files.write(dir.resolve("failures.jsonl"), (JSON.writeValueAsString(row) + "\n")
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException io) {
            // the failure was reported on standard error; its record is a convenience
        }
    }

    private static String oneLine(Throwable e) {
        String m = e instanceof OutOfMemoryError ? "out of memory (raise -Xmx with JAVA_OPTS, or run fewer workers)"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
