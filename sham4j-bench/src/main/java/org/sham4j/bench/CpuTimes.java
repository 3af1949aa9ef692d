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

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        LeNet5Benchmark lenet = new LeNet5Benchmark();
        lenet.batch = 256;
        lenet.setUp();
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        tasks.put("lenet-5 java runtime", lenet::javaRuntime);
        tasks.put("lenet-5 djl/pytorch", lenet::djlPyTorch);
        tasks.put("lenet-5 onnx runtime", lenet::onnxRuntime);
        for (String model : new String[] {"lenet-5", "lenet-300-100"}) {
            for (String variant : new String[] {"original", "size", "speed", "balanced"}) {
                CompressedModelBenchmark b = new CompressedModelBenchmark();
                b.model = model;
                b.variant = variant;
                b.prune = 90;
                b.threads = 1;
                b.setUp();
                tasks.put(model + " p90 k16 " + variant, b::run);
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
            System.out.printf("%-32s %9.2f ms%n", e.getKey(), e.getValue() / 1e6);
        }
        lenet.tearDown();
        System.exit(0);
    }
}
