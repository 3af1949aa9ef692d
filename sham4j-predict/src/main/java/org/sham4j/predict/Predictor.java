package org.sham4j.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.Preprocessor;

/**
 * A model ready for batch inference on the pure-Java runtime. When a single model input feeds weighted layers
 * (a DeepDTA branch), that part runs once per distinct value of its input and its results are kept in a cache
 * shared by every call (bounded in bytes), so a table of drug-target pairs costs one branch run per distinct drug
 * and protein plus the rest of the model per pair. Every runner has one thread: callers run chunks in parallel
 * (threads of {@code sham predict}, or Spark tasks), and a sample's output does not depend on the chunk it is in.
 * Safe for concurrent calls.
 */
public final class Predictor implements AutoCloseable {
    /** Samples per run of the runtime. */
    static final int BATCH = 256;

    private final Graph graph;
    private final boolean preprocess;
    private final FrozenHead cut;
    private final List<String> frontier;
    private final Map<Integer, GraphRunner> heads = new HashMap<>();
    private final long cacheBytes;
    private final AtomicLong cached = new AtomicLong();
    private final Map<Key, float[][]> cache = new ConcurrentHashMap<>();
    private final GraphRunner whole;
    private final GraphRunner tail;
    private final List<int[]> frontierShapes;
    private volatile int width = -1;

    /** The samples of one model input in a chunk: its distinct values and, per row, the one it takes. */
    public record Column(Tensor distinct, int[] rows) {
        public Column {
            for (int r : rows) {
                if (r < 0 || r >= distinct.dim(0)) {
                    throw new IllegalArgumentException("row " + r + " outside the " + distinct.dim(0) + " values");
                }
            }
        }
    }

    /**
     * Prepares {@code graph}; {@code preprocess} applies its recorded preprocessing to the raw samples,
     * {@code cacheBytes} bounds the branch results kept between calls.
     */
    public Predictor(Graph graph, boolean preprocess, long cacheBytes) {
        this.graph = graph;
        this.preprocess = preprocess;
        this.cacheBytes = cacheBytes;
        FrozenHead c = new FrozenHead(graph, graph.nodes().stream().map(Node::name).collect(Collectors.toSet()));
        if (c.saves()) {
            cut = c;
            frontier = c.frontier();
            for (String f : frontier) {
                heads.computeIfAbsent(c.source(f), k -> new GraphRunner(c.headOf(k), 1));
            }
            frontierShapes = frontierShapes();
            tail = new GraphRunner(c.tail(frontierShapes), 1);
            whole = null;
        } else {
            cut = null;
            frontier = List.of();
            frontierShapes = List.of();
            tail = null;
            whole = new GraphRunner(graph, 1);
        }
    }

    public Graph graph() {
        return graph;
    }

    /** Whether branches run once per distinct input value. */
    public boolean reusesBranches() {
        return cut != null;
    }

    /** Values the model's first output gives per sample (the model run once on a sample of zeros). */
    public int width() {
        int w = width;
        if (w < 0) {
            List<Column> zeros = new ArrayList<>();
            for (InputSpec in : graph.inputs()) {
                int[] shape = new int[in.shape().length + 1];
                shape[0] = 1;
                System.arraycopy(in.shape(), 0, shape, 1, in.shape().length);
                zeros.add(new Column(new Tensor(shape, new float[(int) Tensor.size(shape)]), new int[1]));
            }
            w = predict(zeros, 1).dim(1);
            width = w;
        }
        return w;
    }

    /** Branch results held in the cache. */
    public int cachedValues() {
        return cache.size();
    }

    /**
     * The first output of the model for {@code n} rows, row-major (n, width): {@code columns.get(k)} holds model
     * input k (raw samples, (distinct, sample shape...)).
     */
    public Tensor predict(List<Column> columns, int n) {
        if (columns.size() != graph.inputs().size()) {
            throw new IllegalArgumentException(columns.size() + " input columns for the model's "
                    + graph.inputs().size() + " inputs " + graph.inputs());
        }
        for (Column c : columns) {
            if (c.rows().length != n) {
                throw new IllegalArgumentException("an input column has " + c.rows().length + " rows, expected " + n);
            }
        }
        if (n == 0) {
            return new Tensor(new int[] {0, 0}, new float[0]);
        }
        return cut == null ? runWhole(columns, n) : runSplit(columns, n);
    }

    private Tensor runWhole(List<Column> columns, int n) {
        List<float[]> outs = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            Map<String, Tensor> inputs = new HashMap<>();
            for (int k = 0; k < columns.size(); k++) {
                InputSpec spec = graph.inputs().get(k);
                inputs.put(spec.name(), prepare(spec, gather(columns.get(k), from, to), graph.preprocessing()));
            }
            outs.add(whole.run(inputs).get(graph.outputs().get(0)).data());
        }
        return concat(outs, n);
    }

    private Tensor runSplit(List<Column> columns, int n) {
        Map<Integer, float[][][]> byInput = new HashMap<>();
        for (int k : heads.keySet()) {
            byInput.put(k, branchResults(k, columns.get(k).distinct()));
        }
        List<float[]> outs = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            Map<String, Tensor> inputs = new HashMap<>();
            for (int j = 0; j < frontier.size(); j++) {
                String f = frontier.get(j);
                int k = cut.source(f);
                int slot = slot(k, f);
                int[] shape = frontierShapes.get(j);
                int per = (int) Tensor.size(shape);
                float[] x = new float[(to - from) * per];
                int[] rows = columns.get(k).rows();
                float[][][] results = byInput.get(k);
                for (int i = from; i < to; i++) {
                    System.arraycopy(results[rows[i]][slot], 0, x, (i - from) * per, per);
                }
                int[] full = new int[shape.length + 1];
                full[0] = to - from;
                System.arraycopy(shape, 0, full, 1, shape.length);
                inputs.put(f, new Tensor(full, x));
            }
            outs.add(tail.run(inputs).get(graph.outputs().get(0)).data());
        }
        return concat(outs, n);
    }

    /**
     * The head outputs of input k for each distinct value: [value][frontier slot of k] flat. Values not cached are
     * computed under input k's lock, so two threads never compute the same branch result twice.
     */
    private float[][][] branchResults(int k, Tensor distinct) {
        int m = distinct.dim(0);
        int per = m == 0 ? 0 : distinct.data().length / m;
        float[][][] out = new float[m][][];
        Key[] keys = new Key[m];
        boolean complete = true;
        for (int v = 0; v < m; v++) {
            keys[v] = new Key(k, Arrays.copyOfRange(distinct.data(), v * per, (v + 1) * per));
            out[v] = cache.get(keys[v]);
            complete &= out[v] != null;
        }
        if (complete) {
            return out;
        }
        synchronized (heads.get(k)) {
            List<Integer> missing = new ArrayList<>();
            for (int v = 0; v < m; v++) {
                if (out[v] == null) {
                    out[v] = cache.get(keys[v]);
                }
                if (out[v] == null) {
                    missing.add(v);
                }
            }
            computeHeads(k, distinct, per, missing, keys, out);
        }
        return out;
    }

    private void computeHeads(int k, Tensor distinct, int per, List<Integer> missing, Key[] keys, float[][][] out) {
        GraphRunner head = heads.get(k);
        InputSpec spec = graph.inputs().get(k);
        List<String> outputs = head.graph().outputs();
        for (int from = 0; from < missing.size(); from += BATCH) {
            int to = Math.min(missing.size(), from + BATCH);
            int[] shape = distinct.shape().clone();
            shape[0] = to - from;
            float[] x = new float[(to - from) * per];
            for (int i = from; i < to; i++) {
                System.arraycopy(distinct.data(), missing.get(i) * per, x, (i - from) * per, per);
            }
            Map<String, Tensor> result = head.run(Map.of(spec.name(),
                    prepare(spec, new Tensor(shape, x), head.graph().preprocessing())));
            for (int i = from; i < to; i++) {
                float[][] values = new float[outputs.size()][];
                long bytes = 4L * keys[missing.get(i)].values.length;
                for (int s = 0; s < outputs.size(); s++) {
                    Tensor r = result.get(outputs.get(s));
                    int w = r.data().length / (to - from);
                    values[s] = Arrays.copyOfRange(r.data(), (i - from) * w, (i - from + 1) * w);
                    bytes += 4L * w;
                }
                int v = missing.get(i);
                out[v] = values;
                if (cached.get() + bytes <= cacheBytes && cache.putIfAbsent(keys[v], values) == null) {
                    cached.addAndGet(bytes);
                }
            }
        }
    }

    /** The position of frontier tensor f among the outputs of input k's head. */
    private int slot(int k, String f) {
        return heads.get(k).graph().outputs().indexOf(f);
    }

    /** The sample shape of each frontier tensor: its head run once on a sample of zeros. */
    private List<int[]> frontierShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (String f : frontier) {
            int k = cut.source(f);
            InputSpec spec = graph.inputs().get(k);
            int[] shape = new int[spec.shape().length + 1];
            shape[0] = 1;
            System.arraycopy(spec.shape(), 0, shape, 1, spec.shape().length);
            Tensor out = heads.get(k).run(Map.of(spec.name(), new Tensor(shape, new float[(int) Tensor.size(shape)])))
                    .get(f);
            shapes.add(Arrays.copyOfRange(out.shape(), 1, out.rank()));
        }
        return shapes;
    }

    private Tensor prepare(InputSpec spec, Tensor raw, Preprocessing p) {
        return preprocess ? Preprocessor.apply(p, raw, spec) : Preprocessor.apply(Preprocessing.IDENTITY, raw, spec);
    }

    private static Tensor gather(Column c, int from, int to) {
        Tensor d = c.distinct();
        int per = d.dim(0) == 0 ? 0 : d.data().length / d.dim(0);
        float[] x = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            System.arraycopy(d.data(), c.rows()[i] * per, x, (i - from) * per, per);
        }
        int[] shape = d.shape().clone();
        shape[0] = to - from;
        return new Tensor(shape, x);
    }

    private static Tensor concat(List<float[]> parts, int n) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        if (total % n != 0) {
            throw new IllegalStateException("the model gave " + total + " values for " + n + " samples");
        }
        return new Tensor(new int[] {n, total / n}, all);
    }

    @Override
    public void close() {
        heads.values().forEach(GraphRunner::close);
        if (whole != null) {
            whole.close();
        }
        if (tail != null) {
            tail.close();
        }
    }

    /** A distinct raw value of a model input. */
    private static final class Key {
        final int input;
        final float[] values;
        final int hash;

        Key(int input, float[] values) {
            this.input = input;
            this.values = values;
            this.hash = 31 * input + Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.input == input && k.hash == hash && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
