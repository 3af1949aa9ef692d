package org.sham4j.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.sham4j.compress.Timer;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;

/**
 * Product times of one matrix in nanoseconds: one vector and a batch, on the calling thread (its CPU time)
 * and on the executor's threads (wall time; the same as the single-thread times for one thread).
 */
public record ProductTimes(long vector, long batch, long vectorThreaded, long batchThreaded) {
    /** Times the products of {@code c} with the first vector of {@code x} and with all {@code batch} of them. */
    public static ProductTimes measure(CompressedMatrix c, float[] x, int batch, ProductExecutor executor, int repeat) {
        float[] x1 = Arrays.copyOf(x, c.rows());
        float[] y1 = new float[c.cols()];
        float[] yb = new float[batch * c.cols()];
        // Both products run before either is timed: the JIT's switch from one to the other happens in warm-up.
        Timer.cpu(() -> {
            c.multiply(x1, 1, y1);
            c.multiply(x, batch, yb);
        }, 1);
        long vec = Timer.cpu(() -> c.multiply(x1, 1, y1), repeat);
        long bat = Timer.cpu(() -> c.multiply(x, batch, yb), repeat);
        if (executor.threads() == 1) {
            return new ProductTimes(vec, bat, vec, bat);
        }
        return new ProductTimes(vec, bat, Timer.wall(() -> c.multiply(x1, 1, y1, executor), repeat),
                Timer.wall(() -> c.multiply(x, batch, yb, executor), repeat));
    }

    /**
     * The times of several JVMs' runs, each the median of the runs' (the lower of the two middle ones for an even
     * count: a time that was measured).
     */
    public static ProductTimes median(List<ProductTimes> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        return new ProductTimes(middle(runs, ProductTimes::vector), middle(runs, ProductTimes::batch),
                middle(runs, ProductTimes::vectorThreaded), middle(runs, ProductTimes::batchThreaded));
    }

    /** The slowest run's time over the fastest's, for one of the four times: 1 for one run. */
    public static double spread(List<ProductTimes> runs, ToLongFunction<ProductTimes> time) {
        long min = runs.stream().mapToLong(time).min().orElseThrow();
        long max = runs.stream().mapToLong(time).max().orElseThrow();
        return min == max ? 1 : (double) max / Math.max(1, min);
    }

    private static long middle(List<ProductTimes> runs, ToLongFunction<ProductTimes> time) {
        long[] t = runs.stream().mapToLong(time).sorted().toArray();
        return t[(t.length - 1) / 2];
    }

    /** The four times on one line, as the forked JVM reports them. */
    String line() {
        return vector + " " + batch + " " + vectorThreaded + " " + batchThreaded;
    }

    static ProductTimes parse(String line) {
        String[] t = line.trim().split(" ");
        if (t.length != 4) {
            throw new IllegalArgumentException("not a line of four product times: " + line);
        }
        return new ProductTimes(Long.parseLong(t[0]), Long.parseLong(t[1]), Long.parseLong(t[2]), Long.parseLong(t[3]));
    }
}
