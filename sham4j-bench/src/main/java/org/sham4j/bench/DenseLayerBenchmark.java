package org.sham4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.Random;
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
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.WeightProducts;

/**
 * One batch product on the pure-Java runtime: a dense layer of {@code size} x {@code size} seeded weights, a
 * {@code density} share of them non-zero and shared to 16 values, stored in {@code format} and multiplied as
 * {@code products} says, on a batch of {@code batch} rows and {@code threads} threads (the two-thread speed-up
 * of a batch product).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DenseLayerBenchmark {
    @Param({"1024"})
    public int size;

    @Param({"1.0", "0.1"})
    public double density;

    @Param({"dense", "sham"})
    public String format;

    @Param({"decoded"})
    public String products;

    @Param({"256"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private GraphRunner runner;
    private Tensor input;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(7);
        float[] levels = new float[16];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = (float) rnd.nextGaussian();
        }
        float[] w = new float[size * size];
        for (int e = 0; e < w.length; e++) {
            w[e] = rnd.nextDouble() < density ? levels[rnd.nextInt(levels.length)] : 0f;
        }
        Dense layer = new Dense(Formats.byName(format).encode(SparseMatrix.fromDense(new DenseMatrix(size, size, w))),
                null);
        Graph g = new Graph(List.of(new InputSpec("x", new int[] {size})),
                List.of(new Node("dense", layer, List.of("x"), "y")), List.of("y"), Preprocessing.IDENTITY);
        runner = new GraphRunner(g, threads, WeightProducts.valueOf(products.toUpperCase(Locale.ROOT)));
        input = Tensor.zeros(batch, size);
        float[] d = input.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public Tensor run() {
        return runner.run(input);
    }
}
