package org.sham4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmarks of this module timed by the calling thread's CPU time, for a machine shared with other jobs
 * (where JMH's wall times swing with the load): each task runs in turn, round after round, and the fastest run
 * of each is kept. Every engine here computes on the calling thread when it has one thread (the Java runtime,
 * PyTorch with one intra-op thread, ONNX Runtime with one intra-op thread), so its CPU time is its cost.
 * Usage: {@code java -cp benchmarks.jar org.sham4j.bench.CpuTimes [ROUNDS]}.
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

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        LeNet5Benchmark lenet = new LeNet5Benchmark();
        lenet.batch = 256;
        lenet.setUp();
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        tasks.put("lenet-5 java runtime", lenet::javaRuntime);
        tasks.put("lenet-5 djl/pytorch", lenet::djlPyTorch);
        tasks.put("lenet-5 onnx runtime", lenet::onnxRuntime);
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
                d.setUp();
                tasks.put("dense 1024x1024 density " + density + " " + format + ", batch 256", d::run);
            }
        }
        for (String model : new String[] {"lenet-5", "lenet-300-100"}) {
            tasks.put(model + " original", compressed(model, "original", "90", "decoded"));
            for (String prune : new String[] {"90", "examples"}) {
                for (String variant : new String[] {"size", "speed", "balanced"}) {
                    for (String products : new String[] {"decoded", "stored"}) {
                        if (products.equals("decoded") || !variant.equals("speed")) {
                            tasks.put(model + " p" + prune + " k16 " + variant + " " + products,
                                    compressed(model, variant, prune, products));
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
        lenet.tearDown();
        System.exit(0);
    }
}
