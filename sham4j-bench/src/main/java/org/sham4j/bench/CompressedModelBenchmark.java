package org.sham4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.WeightProducts;
import org.sham4j.model.zoo.Zoo;

/**
 * A network of the zoo on the pure-Java runtime, batch 256, as it is ({@code variant=original}, float32 dense)
 * and with every weighted layer pruned ({@code prune}: that percentage of zeros in every layer, or
 * {@code examples}: each layer as the {@code examples/} scripts prune it), shared to 16 values (k-means) and
 * stored by {@code --format auto --prefer size|speed|balanced}: does compression cost speed? {@code products}
 * says how the runtime multiplies formats other than dense and CSC ({@link WeightProducts}: decoded once, or
 * stored); {@code threads} sets the runtime's threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CompressedModelBenchmark {
    @Param({"lenet-5", "lenet-300-100"})
    public String model;

    @Param({"original", "size", "speed", "balanced"})
    public String variant;

    @Param({"90"})
    public String prune;

    @Param({"decoded"})
    public String products;

    @Param({"1"})
    public int threads;

    /** Each weighted layer's percentage of zeros in examples/lenet-5.sh and examples/lenet-300-100.sh. */
    private static final Map<String, double[]> EXAMPLES = Map.of("lenet-5", new double[] {40, 82, 96.3, 75},
            "lenet-300-100", new double[] {95.5, 90, 70});

    private GraphRunner runner;
    private Tensor input;
    private String inputName;

    @Setup(Level.Trial)
    public void setUp() {
        Graph g = Zoo.build(model, 1);
        if (!variant.equals("original")) {
            List<String> layers = new ArrayList<>();
            for (Node n : g.nodes()) {
                if (n.layer() instanceof WeightedLayer) {
                    layers.add(n.name());
                }
            }
            Map<String, Double> percent = new LinkedHashMap<>();
            double[] examples = EXAMPLES.get(model);
            for (int k = 0; k < layers.size(); k++) {
                percent.put(layers.get(k), prune.equals("examples") ? examples[k] : Double.parseDouble(prune));
            }
            Graph pruned = Pruning.prune(g, percent).graph();
            Graph shared = SharedLayers.quantize(pruned, layers, QuantizerSpec.parse("cws:16"), false).apply(pruned);
            Encoding.Result r = Encoding.encode(shared, layers, null, Encoding.Preference.parse(variant));
            r.choices().forEach(c -> System.out.println(c.node() + ": " + c.reason()));
            g = r.graph();
        }
        runner = new GraphRunner(g, threads, WeightProducts.valueOf(products.toUpperCase(Locale.ROOT)));
        input = RandomBatch.of(g, 256);
        inputName = g.inputs().get(0).name();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public Map<String, Tensor> run() {
        return runner.run(Map.of(inputName, input));
    }
}
