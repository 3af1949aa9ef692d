package org.sham4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.sham4j.compress.CompressionListener;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.experiment.Baseline;
import org.sham4j.experiment.Configuration;
import org.sham4j.experiment.ResultsFile;
import org.sham4j.experiment.Sweep;
import org.sham4j.experiment.SweepBackend;
import org.sham4j.experiment.SweepSpec;
import org.sham4j.model.io.ModelFile;

/**
 * {@code sham sweep --master}: the driver does what a local sweep does (validates the spec, trains or reads the
 * baseline once, skips the keys already in the folder, appends each row as its configuration ends, holds the
 * lock), and each configuration runs as a Spark job of one task, N at once. The task rebuilds the sweep from what
 * the driver broadcast once (the spec's text, the baseline's model file and score) and runs
 * {@link Sweep#compute}, the computation of a local worker; its row comes back to the driver. The data set is
 * opened by each executor from the spec's path, so on a cluster it must be at that path on every machine.
 */
public final class SparkSweep implements SweepBackend {
    /** The sweeps this JVM has rebuilt, by broadcast payload. */
    private static final ConcurrentHashMap<String, Sweep.Job> JOBS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What every task needs: the spec's text and the baseline. */
    record Payload(String id, String specText, String specSource, boolean json, byte[] baseline, String identity,
                   int samples, double accuracy, double mse, double ci, double nanosPerSample, long weightBytes)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The sweep as the driver prepared it, rebuilt once per JVM. */
        Sweep.Job job() {
            return JOBS.computeIfAbsent(id, k -> {
                try {
                    SweepSpec spec = SweepSpec.parse(specText, specSource, json);
                    Dataset data = DataSpec.open(spec.data());
                    Baseline b = new Baseline(ModelFile.fromBytes(baseline), identity, new Evaluation(samples,
                            accuracy, mse, ci, nanosPerSample, weightBytes));
                    return Sweep.Job.of(spec, b, data, spec.configurations(), Sweep.heads(spec));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot rebuild the sweep on this executor: " + e.getMessage(), e);
                }
            });
        }
    }

    /** A configuration as a task sees it. */
    record Work(int index, String key) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A task's result: the row as JSON and the model's bytes, or why the configuration failed. */
    record Result(String row, byte[] model, String error) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Cluster open(String master, PrintStream err) {
        return new SparkCluster(Sessions.open(master, "sham sweep"), master, err);
    }

    /** Runs one configuration on an executor. */
    static Result compute(Payload payload, Work work) {
        try {
            Sweep.Job job = payload.job();
            List<Configuration> all = job.spec().configurations();
            Configuration c = all.get(work.index());
            String key = Sweep.key(job.spec(), c, job.baseline().identity());
            if (!key.equals(work.key())) {
                return new Result(null, null, "configuration " + work.index() + " has key " + key + " here, "
                        + work.key() + " on the driver: the spec differs");
            }
            Sweep.Outcome o = Sweep.compute(job, new Sweep.Task(work.index(), c, key), new CompressionListener() {
                @Override
                public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
                }
            });
            return new Result(JSON.writeValueAsString(o.row()), o.model(), null);
        } catch (IOException | RuntimeException e) {
            return new Result(null, null, oneLine(e));
        } catch (OutOfMemoryError e) {
            return new Result(null, null, "out of memory on the executor (raise spark.executor.memory)");
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** A Spark session running configurations. */
    private static final class SparkCluster implements Cluster {
        private final SparkSession spark;
        private final JavaSparkContext sc;
        private final PrintStream err;
        private final String master;
        private Broadcast<Payload> payload;

        SparkCluster(SparkSession spark, String master, PrintStream err) {
            this.spark = spark;
            this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            this.master = master;
            this.err = err;
        }

        @Override
        public int parallelism() {
            return sc.defaultParallelism();
        }

        @Override
        public void start(Sweep.Job job) throws IOException {
            SweepSpec spec = job.spec();
            Path source = Path.of(spec.source());
            String text = Files.readString(source, StandardCharsets.UTF_8);
            boolean json = source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            Evaluation s = job.baseline().score();
            payload = sc.broadcast(new Payload(UUID.randomUUID().toString(), text, spec.source(), json,
                    ModelFile.toBytes(job.baseline().graph()), job.baseline().identity(), s.samples(), s.accuracy(),
                    s.mse(), s.concordanceIndex(), s.nanosPerSample(), s.weightBytes()));
            err.printf("sweep: configurations run as Spark tasks on %s (%d cores)%n", master, parallelism());
        }

        @Override
        public Sweep.Outcome run(Sweep.Job job, Sweep.Task task, CompressionListener listener) throws IOException {
            listener.stageStarted("spark task", "running as a Spark task");
            Broadcast<Payload> b = payload;
            sc.setJobDescription("sweep configuration " + task.index() + ": " + task.configuration().label());
            List<Result> results;
            try {
                results = sc.parallelize(List.of(new Work(task.index(), task.key())), 1)
                        .map(w -> compute(b.value(), w)).collect();
            } catch (Exception e) { // Spark's SparkException is checked, but Scala does not declare it
                throw Sessions.unwrap(e);
            }
            Result r = results.get(0);
            if (r.error() != null) {
                throw new IllegalStateException(r.error());
            }
            return new Sweep.Outcome((ObjectNode) JSON.readTree(r.row()), r.model());
        }

        /** Rewrites {@code DIR/results.parquet} (a directory, as Spark writes it) from every row in the folder. */
        @Override
        public void writeParquet(Path dir) throws IOException {
            Path jsonl = dir.resolve(ResultsFile.JSONL);
            if (!Files.exists(jsonl) || Files.size(jsonl) == 0) {
                return;
            }
            Path target = dir.resolve("results.parquet");
            Path tmp = dir.resolve(".results.parquet.tmp");
            deleteTree(tmp);
            try {
                spark.read().json(jsonl.toString()).coalesce(1).write().parquet(tmp.toString());
            } catch (Exception e) {
                throw Sessions.unwrap(e);
            }
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() {
            if (payload != null) {
                payload.destroy();
            }
            spark.stop();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
