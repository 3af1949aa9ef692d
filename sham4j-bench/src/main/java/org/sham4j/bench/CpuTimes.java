package org.sham4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.WeightProducts;

/**
 * The benchmarks of this module timed by the calling thread's CPU time, for a machine shared with other jobs
 * (where JMH's wall times swing with the load): each task runs in turn, round after round, and the fastest run
 * of each is kept. Every engine here computes on the calling thread when it has one thread (the Java runtime,
 * PyTorch with one intra-op thread, ONNX Runtime with one intra-op thread), so its CPU time is its cost.
 * Usage: {@code java -cp benchmarks.jar org.sham4j.bench.CpuTimes [ROUNDS [REGEX [MODEL.sham ...]]]}: only the
 * tasks whose name matches REGEX run (all by default); each model file runs batch 256 stored and decoded.
 */
public final class CpuTimes {
    private CpuTimes() {
    }

    private static Callable<?> compressed(String model, String variant, String prune, String products) {
        CompressedModelBenchmark b = new CompressedModelBenchmark();
        b.model = model;
        b.variant = variant;
        b.prune = prune;
        b.products = products;
        b.threads = 1;
        b.setUp();
        return b::run;
    }

    /** A model file run batch 256 on one thread. */
    private static Callable<?> file(Path path, WeightProducts products) throws IOException {
        Graph g = ModelFile.load(path);
        GraphRunner runner = new GraphRunner(g, 1, products);
        Map<String, Tensor> input = Map.of(g.inputs().get(0).name(), RandomBatch.of(g, 256));
        return () -> runner.run(input);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Pattern only = Pattern.compile(args.length > 1 ? args[1] : ".*");
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        LeNet5Benchmark lenet = null;
        if (only.matcher("lenet-5 java runtime").find()) {
            lenet = new LeNet5Benchmark();
            lenet.batch = 256;
            lenet.setUp();
            tasks.put("lenet-5 java runtime", lenet::javaRuntime);
            tasks.put("lenet-5 djl/pytorch", lenet::djlPyTorch);
            tasks.put("lenet-5 onnx runtime", lenet::onnxRuntime);
        }
        for (int a = 2; a < args.length; a++) {
            Path path = Path.of(args[a]);
            for (WeightProducts products : WeightProducts.values()) {
                tasks.put(path.getFileName() + " " + products.name().toLowerCase(Locale.ROOT), file(path, products));
            }
        }
        // The runtime's two kernels on the same weights: where sparse stops paying (WeightProduct.MAX_SPARSE_DENSITY).
        for (String format : new String[] {"dense", "csc"}) {
            for (double density : new double[] {0.5, 0.3, 0.2, 0.1}) {
                DenseLayerBenchmark d = new DenseLayerBenchmark();
                d.size = 1024;
                d.density = density;
                d.format = format;
                d.products = "decoded";
                d.batch = 256;
                d.threads = 1;
                String name = "dense 1024x1024 density " + density + " " + format + ", batch 256";
                if (!only.matcher(name).find()) {
                    continue;
                }
                d.setUp();
                tasks.put(name, d::run);
            }
        }
        for (String model : new String[] {"lenet-5", "lenet-300-100"}) {
            if (only.matcher(model + " original").find()) {
                tasks.put(model + " original", compressed(model, "original", "90", "decoded"));
            }
            for (String prune : new String[] {"90", "examples"}) {
                for (String variant : new String[] {"size", "speed", "balanced"}) {
                    for (String products : new String[] {"decoded", "stored"}) {
                        String name = model + " p" + prune + " k16 " + variant + " " + products;
                        if ((products.equals("decoded") || !variant.equals("speed")) && only.matcher(name).find()) {
                            tasks.put(name, compressed(model, variant, prune, products));
                        }
                    }
                }
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> best = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Callable<?>> t : tasks.entrySet()) {
                long c0 = mx.getCurrentThreadCpuTime();
                t.getValue().call();
                long c = mx.getCurrentThreadCpuTime() - c0;
                if (r >= rounds / 3) {
                    best.merge(t.getKey(), c, Math::min);
                }
            }
        }
        for (Map.Entry<String, Long> e : best.entrySet()) {
            System.out.printf("%-44s %9.2f ms%n", e.getKey(), e.getValue() / 1e6);
        }
        if (lenet != null) {
            lenet.tearDown();
        }
        System.exit(0);
    }
}
