package org.sham4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.Preprocessor;

/**
 * Samples as the tail of a {@link FrozenHead} sees them: each frontier tensor is an input, computed once for every
 * row of its model input's table (a drug-target pair's drug and protein once each, not once per pair), and the
 * samples pick those rows as they picked the raw ones. The head runs on an {@link Engine}: the pure-Java runtime
 * ({@link #JAVA}, what scores use), or another one that training supplies (the engine it trains on).
 */
public final class HeadFeatures {
    private static final int BATCH = 256;

    /** Runs a head graph: its outputs by name for its (preprocessed) inputs by name. */
    public interface Runner extends AutoCloseable {
        Map<String, Tensor> run(Map<String, Tensor> inputs);

        @Override
        void close();
    }

    /** Opens a {@link Runner} on a head graph. */
    @FunctionalInterface
    public interface Engine {
        Runner open(Graph head);
    }

    /** The pure-Java runtime on as many threads as there are cores. */
    public static final Engine JAVA = head -> {
        GraphRunner runner = new GraphRunner(head, Runtime.getRuntime().availableProcessors());
        return new Runner() {
            @Override
            public Map<String, Tensor> run(Map<String, Tensor> inputs) {
                return runner.run(inputs);
            }

            @Override
            public void close() {
                runner.close();
            }
        };
    };

    private HeadFeatures() {
    }

    /** The tail's data set (the head on the Java runtime), or null when it would take more than {@code maxBytes}. */
    public static Dataset of(FrozenHead cut, Graph graph, Dataset data, long maxBytes) {
        return of(cut, graph, data, maxBytes, JAVA);
    }

    /**
     * The tail's data set, the training samples' head run on {@code trainEngine} and the test samples' on the Java
     * runtime (as scores run), or null when its tensors would take more than {@code maxBytes}.
     */
    public static Dataset of(FrozenHead cut, Graph graph, Dataset data, long maxBytes, Engine trainEngine) {
        if (bytes(cut, graph, data.train()) + bytes(cut, graph, data.test()) > maxBytes) {
            return null;
        }
        return new Dataset(data.name(), samples(cut, graph, data.train(), trainEngine),
                samples(cut, graph, data.test(), JAVA), data.classes());
    }

    /** The bytes the frontier tensors of these samples will take (the head run on one row of each input). */
    public static long bytes(FrozenHead cut, Graph graph, Samples samples) {
        List<int[]> shapes = shapes(cut, graph, samples);
        long bytes = 0;
        for (int j = 0; j < shapes.size(); j++) {
            bytes += 4L * samples.table(cut.source(cut.frontier().get(j))).dim(0) * Tensor.size(shapes.get(j));
        }
        return bytes;
    }

    /** The bytes the tables of a data set's samples take. */
    public static long bytes(Dataset data) {
        return bytes(data.train()) + bytes(data.test());
    }

    /** The bytes the tables of samples take. */
    public static long bytes(Samples samples) {
        long bytes = 0;
        for (int k = 0; k < samples.inputCount(); k++) {
            bytes += 4L * samples.table(k).data().length;
        }
        return bytes;
    }

    /** The tail of {@code cut} as a graph whose inputs take these samples (computed by {@link #samples}). */
    public static Graph tail(FrozenHead cut, Samples features) {
        List<int[]> shapes = new ArrayList<>();
        for (int j = 0; j < features.inputCount(); j++) {
            shapes.add(features.sampleShape(j));
        }
        return cut.tail(shapes);
    }

    /** The shape of one sample of each frontier tensor, in frontier order (the head run on one row per input). */
    private static List<int[]> shapes(FrozenHead cut, Graph graph, Samples samples) {
        Map<String, int[]> byTensor = new HashMap<>();
        for (int k : sources(cut)) {
            Graph head = cut.headOf(k);
            try (GraphRunner runner = new GraphRunner(head, 1)) {
                run(runner::run, head, graph.inputs().get(k), samples.table(k), 0, 1).forEach((f, t) ->
                        byTensor.put(f, Arrays.copyOfRange(t.shape(), 1, t.rank())));
            }
        }
        return cut.frontier().stream().map(byTensor::get).toList();
    }

    /** The model inputs the frontier is computed from. */
    private static List<Integer> sources(FrozenHead cut) {
        return cut.frontier().stream().map(cut::source).distinct().toList();
    }

    /** The samples as the tail sees them: the head run on the Java runtime once on every row of each table it reads. */
    public static Samples samples(FrozenHead cut, Graph graph, Samples samples) {
        return samples(cut, graph, samples, JAVA);
    }

    /** The samples as the tail sees them: the head run on {@code engine} once on every row of each table it reads. */
    public static Samples samples(FrozenHead cut, Graph graph, Samples samples, Engine engine) {
        List<String> frontier = cut.frontier();
        Tensor[] tables = new Tensor[frontier.size()];
        List<int[]> rows = new ArrayList<>();
        for (int k : sources(cut)) {
            Graph head = cut.headOf(k);
            Tensor raw = samples.table(k);
            int m = raw.dim(0);
            float[][] values = new float[frontier.size()][];
            int[][] shapes = new int[frontier.size()][];
            try (Runner runner = engine.open(head)) {
                for (int from = 0; from < m; from += BATCH) {
                    int to = Math.min(m, from + BATCH);
                    Map<String, Tensor> out = run(runner::run, head, graph.inputs().get(k), raw, from, to);
                    for (Map.Entry<String, Tensor> e : out.entrySet()) {
                        int j = frontier.indexOf(e.getKey());
                        float[] d = e.getValue().data();
                        int per = d.length / (to - from);
                        if (values[j] == null) {
                            values[j] = new float[Math.multiplyExact(m, per)];
                            shapes[j] = e.getValue().shape().clone();
                            shapes[j][0] = m;
                        }
                        System.arraycopy(d, 0, values[j], from * per, d.length);
                    }
                }
            }
            for (int j = 0; j < frontier.size(); j++) {
                if (values[j] != null) {
                    tables[j] = new Tensor(shapes[j], values[j]);
                }
            }
        }
        for (String f : frontier) {
            rows.add(samples.rows(cut.source(f)));
        }
        return Samples.indexed(Arrays.asList(tables), rows, samples.targets());
    }

    /** The head run on rows {@code from} to {@code to} of a raw input table, preprocessed for the model input. */
    private static Map<String, Tensor> run(Function<Map<String, Tensor>, Map<String, Tensor>> runner, Graph head,
            InputSpec input, Tensor raw, int from, int to) {
        Tensor x = Preprocessor.apply(head.preprocessing(), raw.rows(from, to), input);
        return runner.apply(Map.of(input.name(), x));
    }
}
