package org.sham4j.model.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.ActivationMemory;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;

/**
 * Runs a {@link Graph} in pure Java on a batch. Weight products run the runtime's own kernels (a register-blocked
 * GEMM, a sparse product on CSC columns) on weights stored dense or in CSC; by default
 * ({@link WeightProducts#STORED}) on batches of the other column-ordered formats too, decoded a slice of columns
 * at a time into a small scratch per thread (small batches and CSR, CSER: the format's own product), or on every
 * format decoded once when the runner is built ({@link WeightProducts#DECODED}). Products run on a
 * {@link ProductExecutor}. On several threads, a batch of a graph that computes each sample apart
 * ({@link SampleWise}: every graph but those that mix samples, such as recurrences) is cut into one part per
 * thread, each run through the whole graph on its thread, so that threads never wait for each other between
 * layers; small batches and other graphs split each layer's work instead (products by blocks of rows or by
 * sample, other work by sample or channel). The same input gives the same bits on every run and on any thread
 * count, except, when layers are split, a dense layer of at most 256 rows stored in a format whose product splits
 * by input row (csr, cser). Intermediate tensors are released after their last use. Safe for concurrent
 * {@link #run} calls. Close it to stop its threads.
 */
public final class GraphRunner implements AutoCloseable {
    private final Graph graph;
    private final ProductExecutor executor;
    /** The executor of one part of a cut batch: the part's own thread. */
    private final ProductExecutor alone = new ProductExecutor(1);
    private final List<Step> steps = new ArrayList<>();
    /** Whether batches may be cut into parts run apart ({@link SampleWise}). */
    private final boolean splitsBatches;

    /** Samples per part at least when a batch is cut: parts below it split each layer's work instead. */
    static final int MIN_PART = 16;

    /** A compiled node and the tensors it frees after running. */
    private record Step(Node node, Operator operator, List<String> release) {
    }

    /** A runner on {@code threads} threads that multiplies every weight matrix in its stored format. */
    public GraphRunner(Graph graph, int threads) {
        this(graph, threads, WeightProducts.STORED);
    }

    /** A runner on {@code threads} threads whose weights are multiplied as {@code products} says. */
    public GraphRunner(Graph graph, int threads, WeightProducts products) {
        this.graph = graph;
        Map<String, Integer> lastUse = new HashMap<>();
        List<Node> nodes = graph.nodes();
        for (int k = 0; k < nodes.size(); k++) {
            for (String in : nodes.get(k).inputs()) {
                lastUse.put(in, k);
            }
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            Operator op;
            try {
                op = Operators.of(node.layer(), products);
            } catch (IllegalArgumentException e) {
                throw failure(node, e.getMessage());
            }
            List<String> release = new ArrayList<>();
            for (String in : node.inputs()) {
                if (lastUse.get(in) == k && !graph.outputs().contains(in) && !release.contains(in)) {
                    release.add(in);
                }
            }
            steps.add(new Step(node, op, release));
        }
        this.executor = new ProductExecutor(threads);
        this.splitsBatches = threads > 1 && SampleWise.of(graph);
    }

    /** Whether this runner cuts large batches into one part per thread (package-private: for tests). */
    boolean splitsBatches() {
        return splitsBatches;
    }

    private static IllegalArgumentException failure(Node node, String message) {
        return new IllegalArgumentException("node " + node.name() + " (" + node.layer().kind() + "): " + message);
    }

    public Graph graph() {
        return graph;
    }

    /**
     * How this JVM runs the products of weights stored dense: "Vector API, ..." with the module
     * {@code jdk.incubator.vector}, else "scalar ..." (same results, slower).
     */
    public static String denseProducts() {
        return Gemm.get().description();
    }

    /** Whether this JVM runs the runtime's kernels on the Vector API ({@link #denseProducts} names them). */
    public static boolean onVectorApi() {
        return Gemm.get() != Gemm.scalar();
    }

    /**
     * Runs the graph on named inputs of shape (N, input shape...) and returns every output by name. A missing,
     * unknown or ill-shaped input, or a node whose input shapes do not fit, throws IllegalArgumentException; a run
     * whose activations need more than the memory budget throws a MemoryBudgetException before it starts.
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, Tensor> values = new HashMap<>();
        for (String name : inputs.keySet()) {
            if (graph.inputs().stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("the model has no input '" + name + "', its inputs are "
                        + graph.inputs());
            }
        }
        for (InputSpec spec : graph.inputs()) {
            Tensor t = inputs.get(spec.name());
            if (t == null) {
                throw new IllegalArgumentException("missing model input '" + spec.name() + "'");
            }
            checkInput(spec, t);
            values.put(spec.name(), t);
        }
        Map<String, int[]> shapes = new HashMap<>();
        values.forEach((name, t) -> shapes.put(name, t.shape()));
        ActivationMemory.check(graph, shapes);
        int batch = values.isEmpty() ? 0 : values.values().iterator().next().dim(0);
        int parts = Math.min(executor.threads(), batch / MIN_PART);
        if (!splitsBatches || parts < 2 || values.values().stream().anyMatch(t -> t.dim(0) != batch)) {
            return forward(values, executor);
        }
        // Each part copies its outputs into the whole batch's, made by the first part that finishes.
        List<String> names = graph.outputs();
        Tensor[] joined = new Tensor[names.size()];
        executor.run(parts, part -> {
            int from = (int) ((long) batch * part / parts);
            int to = (int) ((long) batch * (part + 1) / parts);
            Map<String, Tensor> slice = new HashMap<>();
            values.forEach((name, t) -> slice.put(name, t.rows(from, to)));
            Map<String, Tensor> out = forward(slice, alone);
            for (int o = 0; o < joined.length; o++) {
                Tensor t = out.get(names.get(o));
                int perSample = t.data().length / (to - from);
                float[] whole;
                synchronized (joined) {
                    if (joined[o] == null) {
                        int[] shape = t.shape();
                        shape[0] = batch;
                        joined[o] = new Tensor(shape, new float[Math.multiplyExact(batch, perSample)]);
                    }
                    whole = joined[o].data();
                }
                System.arraycopy(t.data(), 0, whole, from * perSample, t.data().length);
            }
        });
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (int o = 0; o < joined.length; o++) {
            result.put(names.get(o), joined[o]);
        }
        return result;
    }

    /** Runs every step on {@code values} (the model inputs, consumed) with {@code on}; gives the outputs. */
    private Map<String, Tensor> forward(Map<String, Tensor> values, ProductExecutor on) {
        for (Step step : steps) {
            List<String> names = step.node().inputs();
            Tensor[] args = new Tensor[names.size()];
            for (int k = 0; k < args.length; k++) {
                args[k] = values.get(names.get(k));
            }
            Tensor out;
            try {
                out = step.operator().apply(args, on);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw failure(step.node(), e.getMessage());
            }
            for (String r : step.release()) {
                values.remove(r);
            }
            values.put(step.node().output(), out);
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (String name : graph.outputs()) {
            result.put(name, values.get(name));
        }
        return result;
    }

    /** Runs a graph of one input and returns its first output. */
    public Tensor run(Tensor input) {
        if (graph.inputs().size() != 1) {
            throw new IllegalArgumentException("the model has " + graph.inputs().size() + " inputs, name them");
        }
        return run(Map.of(graph.inputs().get(0).name(), input)).get(graph.outputs().get(0));
    }

    private static void checkInput(InputSpec spec, Tensor t) {
        int[] want = spec.shape();
        int[] got = t.shape();
        boolean fits = got.length == want.length + 1;
        for (int k = 0; fits && k < want.length; k++) {
            fits = want[k] < 0 || got[k + 1] == want[k];
        }
        if (!fits) {
            StringBuilder expected = new StringBuilder("(N");
            for (int d : want) {
                expected.append(", ").append(d < 0 ? "?" : Integer.toString(d));
            }
            throw new IllegalArgumentException("model input '" + spec.name() + "' expects " + expected + "), got "
                    + Shapes.of(got));
        }
    }

    @Override
    public void close() {
        executor.close();
        alone.close();
    }
}
