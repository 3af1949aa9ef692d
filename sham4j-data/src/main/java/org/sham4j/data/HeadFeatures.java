package org.sham4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.Preprocessor;

/**
 * Samples as the tail of a {@link FrozenHead} sees them: each frontier tensor is an input, computed once on the
 * pure-Java runtime for every row of its model input's table (a drug-target pair's drug and protein once each,
 * not once per pair), and the samples pick those rows as they picked the raw ones.
 */
public final class HeadFeatures {
    private static final int BATCH = 256;

    private HeadFeatures() {
    }

    /** The tail's data set, or null when its tensors would take more than {@code maxBytes}. */
    public static Dataset of(FrozenHead cut, Graph graph, Dataset data, long maxBytes) {
        List<int[]> shapes = shapes(cut, graph, data.train());
        long bytes = 0;
        for (Samples s : List.of(data.train(), data.test())) {
            for (int j = 0; j < shapes.size(); j++) {
                bytes += 4L * s.table(cut.source(cut.frontier().get(j))).dim(0) * Tensor.size(shapes.get(j));
            }
        }
        if (bytes > maxBytes) {
            return null;
        }
        return new Dataset(data.name(), samples(cut, graph, data.train()), samples(cut, graph, data.test()),
                data.classes());
    }

    /** The bytes the tables of a data set's samples take. */
    public static long bytes(Dataset data) {
        long bytes = 0;
        for (Samples s : List.of(data.train(), data.test())) {
            for (int k = 0; k < s.inputCount(); k++) {
                bytes += 4L * s.table(k).data().length;
            }
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
            try (GraphRunner runner = new GraphRunner(cut.headOf(k), 1)) {
                run(runner, graph.inputs().get(k), samples.table(k), 0, 1).forEach((f, t) ->
                        byTensor.put(f, Arrays.copyOfRange(t.shape(), 1, t.rank())));
            }
        }
        return cut.frontier().stream().map(byTensor::get).toList();
    }

    /** The model inputs the frontier is computed from. */
    private static List<Integer> sources(FrozenHead cut) {
        return cut.frontier().stream().map(cut::source).distinct().toList();
    }

    /** The samples as the tail sees them: the head run once on every row of each input table it reads. */
    public static Samples samples(FrozenHead cut, Graph graph, Samples samples) {
        List<String> frontier = cut.frontier();
        Tensor[] tables = new Tensor[frontier.size()];
        List<int[]> rows = new ArrayList<>();
        for (int k : sources(cut)) {
            Graph head = cut.headOf(k);
            Tensor raw = samples.table(k);
            int m = raw.dim(0);
            float[][] values = new float[frontier.size()][];
            int[][] shapes = new int[frontier.size()][];
            try (GraphRunner runner = new GraphRunner(head, Runtime.getRuntime().availableProcessors())) {
                for (int from = 0; from < m; from += BATCH) {
                    int to = Math.min(m, from + BATCH);
                    Map<String, Tensor> out = run(runner, graph.inputs().get(k), raw, from, to);
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
    private static Map<String, Tensor> run(GraphRunner runner, InputSpec input, Tensor raw, int from, int to) {
        int per = raw.data().length / raw.dim(0);
        int[] shape = raw.shape().clone();
        shape[0] = to - from;
        Tensor slice = new Tensor(shape, Arrays.copyOfRange(raw.data(), from * per, to * per));
        Tensor x = Preprocessor.apply(runner.graph().preprocessing(), slice, input);
        return runner.run(Map.of(input.name(), x));
    }
}
