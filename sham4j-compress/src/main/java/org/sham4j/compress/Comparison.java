package org.sham4j.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.sham4j.core.energy.EnergyCosts;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.model.energy.ModelEnergy;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.WeightProducts;

/**
 * A model and its compressed version side by side on the pure-Java runtime: the test score of each; per weighted
 * layer (paired by position) the formats, stored and float32 bytes and the time ({@link Timer}) of that layer's product
 * alone with a random batch; and the time of the whole model on one batch of test samples. The per-layer
 * times cover the products only; the whole-model time also covers biases, activations, pooling and the other
 * operators, so the layers' times do not add up to it. Energy is picojoules per sample by the 45 nm model of
 * {@link ModelEnergy}: each weighted layer's products in its format (and embedding lookups), nothing else.
 *
 * @param original        the original's test score
 * @param compressed      the compressed model's test score
 * @param batch           samples in the timed batch (and rows of the random batch of the layer products)
 * @param threads         threads of the Java runtime in the scores and timings
 * @param originalNanos   time of the original on the batch
 * @param compressedNanos time of the compressed model on the batch
 * @param originalPicojoules   energy of one sample through the original
 * @param compressedPicojoules energy of one sample through the compressed model
 */
public record Comparison(boolean classification, Evaluation original, Evaluation compressed, List<LayerPair> layers,
                         int batch, int threads, long originalNanos, long compressedNanos, double originalPicojoules,
                         double compressedPicojoules) {
    /**
     * How to measure: samples per batch (scores run in batches of it; the timed batch has that many), threads of
     * the Java runtime, timed samples at least, and the least warm-up before them ({@link Timer}: the fastest sample after the JIT
     * is idle; CPU time on one thread), and how the runtime multiplies the weights in the timed runs.
     */
    public record Settings(int batch, int threads, int repeat, double warmupSeconds, WeightProducts products) {
        /** Batches of 256 on one thread, 5 samples at least after 0.2 s of warm-up at least, stored products. */
        public static final Settings DEFAULT = new Settings(256, 1, 5, 0.2);

        /** Settings timing the stored formats' own products. */
        public Settings(int batch, int threads, int repeat, double warmupSeconds) {
            this(batch, threads, repeat, warmupSeconds, WeightProducts.STORED);
        }

        /** The same settings with the weights multiplied as {@code p} says. */
        public Settings with(WeightProducts p) {
            return new Settings(batch, threads, repeat, warmupSeconds, p);
        }

        public Settings {
            if (batch < 1 || threads < 1 || repeat < 1) {
                throw new IllegalArgumentException("batch, threads and repeat must be positive, got " + batch + ", "
                        + threads + ", " + repeat);
            }
            if (products == null) {
                throw new IllegalArgumentException("products must be given");
            }
            if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
                throw new IllegalArgumentException("warm-up must be 0 to 3600 s, got " + warmupSeconds);
            }
        }

        long warmupNanos() {
            return (long) (warmupSeconds * 1e9);
        }
    }

    /**
     * One weighted layer in both models: its node and op (as in the compressed model), shape, formats, bytes as
     * stored and as float32, the time of its product with a random batch, and its energy per sample.
     */
    public record LayerPair(String node, String kind, int rows, int cols, String originalFormat, String format,
                            long originalBytes, long bytes, long denseBytes, long originalNanos, long nanos,
                            double originalPicojoules, double picojoules) {
        /** Stored bytes of the compressed layer over its float32 bytes. */
        public double occupancy() {
            return (double) bytes / denseBytes;
        }

        /** Product time of the compressed layer over the original's. */
        public double timeRatio() {
            return (double) nanos / originalNanos;
        }
    }

    public Comparison {
        layers = List.copyOf(layers);
    }

    /** Compares the two models, scoring both. */
    public static Comparison of(Graph original, Graph compressed, Dataset data, Settings settings) {
        return of(original, null, compressed, null, data, settings);
    }

    /**
     * Compares the two models, reusing their test scores where given (null: scored here, on the Java runtime in
     * batches of {@code settings.batch()} on {@code settings.threads()} threads).
     */
    public static Comparison of(Graph original, Evaluation originalScore, Graph compressed, Evaluation compressedScore,
            Dataset data, Settings settings) {
        boolean classification = data.isClassification();
        List<Node> a = weighted(original);
        List<Node> b = weighted(compressed);
        checkPairs(a, b);
        Evaluation eOriginal = originalScore != null ? originalScore : RuntimeEvaluation.score(original, data.test(),
                classification, settings.batch(), settings.threads());
        Evaluation eCompressed = compressedScore != null ? compressedScore : RuntimeEvaluation.score(compressed,
                data.test(), classification, settings.batch(), settings.threads());
        int batch = Math.min(settings.batch(), data.test().size());
        if (batch < 1) {
            throw new IllegalArgumentException(data.name() + ": no test samples to time");
        }
        List<Tensor> inputs = Evaluation.preprocess(compressed, data.test().batch(0, batch));
        long originalNanos = batchNanos(original, inputs, settings);
        long compressedNanos = batchNanos(compressed, inputs, settings);
        Map<String, int[]> sampleShapes = new LinkedHashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            int[] shape = inputs.get(k).shape();
            sampleShapes.put(compressed.inputs().get(k).name(), Arrays.copyOfRange(shape, 1, shape.length));
        }
        Map<String, Double> originalEnergy = energy(original, sampleShapes);
        Map<String, Double> compressedEnergy = energy(compressed, sampleShapes);
        List<LayerPair> layers = new ArrayList<>();
        Random random = new Random(1);
        for (int k = 0; k < a.size(); k++) {
            CompressedMatrix ma = ((WeightedLayer) a.get(k).layer()).weights();
            CompressedMatrix mb = ((WeightedLayer) b.get(k).layer()).weights();
            float[] x = randomBatch(batch * ma.rows(), random);
            float[] y = new float[batch * ma.cols()];
            layers.add(new LayerPair(b.get(k).name(), b.get(k).layer().kind(), ma.rows(), ma.cols(),
                    ma.format().name(), mb.format().name(), ma.size().totalBytes(), mb.size().totalBytes(),
                    4L * ma.rows() * ma.cols(), Timer.cpu(() -> ma.multiply(x, batch, y), settings.repeat(),
                            settings.warmupNanos()),
                    Timer.cpu(() -> mb.multiply(x, batch, y), settings.repeat(),
                            settings.warmupNanos()), originalEnergy.getOrDefault(a.get(k).name(), 0.0),
                    compressedEnergy.getOrDefault(b.get(k).name(), 0.0)));
        }
        return new Comparison(classification, eOriginal, eCompressed, layers, batch, settings.threads(),
                originalNanos, compressedNanos, sum(originalEnergy), sum(compressedEnergy));
    }

    /** Picojoules per sample of each counted node (weighted layers, embeddings). */
    private static Map<String, Double> energy(Graph g, Map<String, int[]> sampleShapes) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ModelEnergy.LayerEnergy e : ModelEnergy.perLayer(g, sampleShapes, EnergyCosts.HOROWITZ_45NM)) {
            out.put(e.node(), e.picojoules());
        }
        return out;
    }

    private static double sum(Map<String, Double> energy) {
        return energy.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Energy per sample of the compressed model over the original's. */
    public double energyRatio() {
        return compressedPicojoules / originalPicojoules;
    }

    /** {@code accuracy} or {@code mse}. */
    public String metric() {
        return Metric.name(classification);
    }

    /** The original's headline score (accuracy or MSE). */
    public double baseline() {
        return Metric.value(original, classification);
    }

    /** The compressed model's headline score (accuracy or MSE). */
    public double score() {
        return Metric.value(compressed, classification);
    }

    /** {@link #score()} minus {@link #baseline()}. */
    public double difference() {
        return score() - baseline();
    }

    /** Whole-model batch time of the compressed model over the original's. */
    public double timeRatio() {
        return (double) compressedNanos / originalNanos;
    }

    /** Stored bytes of every weighted layer of the compressed model. */
    public long bytes() {
        return sum(layers, l -> true, LayerPair::bytes);
    }

    /** Stored bytes of every weighted layer of the original. */
    public long originalBytes() {
        return sum(layers, l -> true, LayerPair::originalBytes);
    }

    /** Float32 bytes of every weighted layer. */
    public long denseBytes() {
        return sum(layers, l -> true, LayerPair::denseBytes);
    }

    /** Occupancy psi of the compressed model's weights: {@link #bytes()} over {@link #denseBytes()}. */
    public double occupancy() {
        return (double) bytes() / denseBytes();
    }

    /** Stored bytes of the named layers of the compressed model. */
    public long bytes(Collection<String> nodes) {
        return sum(layers, l -> nodes.contains(l.node()), LayerPair::bytes);
    }

    /** Float32 bytes of the named layers. */
    public long denseBytes(Collection<String> nodes) {
        return sum(layers, l -> nodes.contains(l.node()), LayerPair::denseBytes);
    }

    /** Occupancy psi of the named layers of the compressed model. */
    public double occupancy(Collection<String> nodes) {
        return (double) bytes(nodes) / denseBytes(nodes);
    }

    private static long sum(List<LayerPair> layers, Predicate<LayerPair> which,
            ToLongFunction<LayerPair> value) {
        return layers.stream().filter(which).mapToLong(value).sum();
    }

    /** The time ({@link Timer}) of running the whole model on one batch (every input, in the graph's order). */
    private static long batchNanos(Graph g, List<Tensor> inputs, Settings settings) {
        Map<String, Tensor> named = RuntimeEvaluation.named(g, inputs);
        try (GraphRunner runner = new GraphRunner(g, settings.threads(), settings.products())) {
            Runnable run = () -> runner.run(named);
            return settings.threads() == 1 ? Timer.cpu(run, settings.repeat(), settings.warmupNanos())
                    : Timer.wall(run, settings.repeat(), settings.warmupNanos());
        }
    }

    private static void checkPairs(List<Node> a, List<Node> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("the models have " + a.size() + " and " + b.size()
                    + " weighted layers: not the same network");
        }
        for (int k = 0; k < a.size(); k++) {
            CompressedMatrix ma = ((WeightedLayer) a.get(k).layer()).weights();
            CompressedMatrix mb = ((WeightedLayer) b.get(k).layer()).weights();
            if (ma.rows() != mb.rows() || ma.cols() != mb.cols()) {
                throw new IllegalArgumentException("layer " + b.get(k).name() + " is " + mb.rows() + "x" + mb.cols()
                        + " in the compressed model, " + ma.rows() + "x" + ma.cols() + " in the original");
            }
        }
    }

    private static float[] randomBatch(int n, Random random) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static List<Node> weighted(Graph g) {
        return g.nodes().stream().filter(n -> n.layer() instanceof WeightedLayer).toList();
    }
}
