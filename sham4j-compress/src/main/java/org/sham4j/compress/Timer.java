package org.sham4j.compress;

import java.util.Arrays;

/** Median wall time of a task after warm-up. */
public final class Timer {
    private static final long WARMUP_NANOS = 200_000_000L;
    private static final int MIN_WARMUP_RUNS = 3;
    private static final int MAX_WARMUP_RUNS = 200;

    private Timer() {
    }

    /**
     * Runs {@code task} until it has run at least 3 times and for 0.2 s (at most 200 times), then times
     * {@code repeat} further runs and returns their median in nanoseconds.
     */
    public static long median(Runnable task, int repeat) {
        return median(task, repeat, WARMUP_NANOS);
    }

    /** {@link #median(Runnable, int)} with a warm-up of at least 3 runs and {@code warmupNanos}. */
    public static long median(Runnable task, int repeat, long warmupNanos) {
        long start = System.nanoTime();
        for (int r = 0; r < MAX_WARMUP_RUNS && (r < MIN_WARMUP_RUNS || System.nanoTime() - start < warmupNanos); r++) {
            task.run();
        }
        long[] t = new long[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            task.run();
            t[r] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return repeat % 2 == 1 ? t[repeat / 2] : (t[repeat / 2 - 1] + t[repeat / 2]) / 2;
    }
}
