package org.sham4j.compress;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Time of a task in its steady state. Warm-up runs until the JIT has stopped compiling and the task's speed has
 * settled, so that no sample times interpreted code or shares the core with a compiler thread; each sample then
 * times enough back-to-back runs to last 20 µs, samples are taken for 0.3 s at least, and the fastest sample's
 * time per run is returned: on a shared machine other processes only ever add time (they take the core and
 * evict the caches), so the fastest sample is the one closest to the task's own cost. {@link #cpu} reads the calling thread's CPU time instead of the wall clock:
 * for a task that runs on the calling thread only, it leaves out the time other processes take the core.
 */
public final class Timer {
    /** Shortest warm-up by default, and longest unless a longer shortest one is asked for. */
    private static final long MIN_WARMUP_NANOS = 200_000_000L;
    private static final long MAX_WARMUP_NANOS = 5_000_000_000L;
    /** A warm-up round lasts this long at least. */
    private static final long ROUND_NANOS = 50_000_000L;
    /** Time a sample aims at: runs shorter than this are repeated within one sample. */
    private static final long SAMPLE_NANOS = 20_000L;
    /** Samples are taken for this long at least. */
    private static final long MIN_MEASURE_NANOS = 300_000_000L;

    private Timer() {
    }

    /** Wall time of {@code task} in nanoseconds: the fastest of at least {@code repeat} samples after warm-up. */
    public static long wall(Runnable task, int repeat) {
        return wall(task, repeat, MIN_WARMUP_NANOS);
    }

    /** {@link #wall(Runnable, int)} with a warm-up of at least {@code minWarmupNanos}. */
    public static long wall(Runnable task, int repeat, long minWarmupNanos) {
        return measure(task, repeat, minWarmupNanos, System::nanoTime);
    }

    /**
     * CPU time of the calling thread per run of {@code task}, the fastest of at least {@code repeat} samples:
     * for single-threaded tasks, a time that other processes on the machine do not inflate. Falls back to the
     * wall clock where the JVM cannot read thread CPU time.
     */
    public static long cpu(Runnable task, int repeat) {
        return cpu(task, repeat, MIN_WARMUP_NANOS);
    }

    /** {@link #cpu(Runnable, int)} with a warm-up of at least {@code minWarmupNanos}. */
    public static long cpu(Runnable task, int repeat, long minWarmupNanos) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            return wall(task, repeat, minWarmupNanos);
        }
        if (!mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        return measure(task, repeat, minWarmupNanos, mx::getCurrentThreadCpuTime);
    }

    private static long measure(Runnable task, int repeat, long minWarmupNanos, LongSupplier clock) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        return sample(task, repeat, warmUp(task, minWarmupNanos), clock, System::nanoTime);
    }

    /**
     * The fastest per-run time on {@code clock} of samples of about {@link #SAMPLE_NANOS} on {@code wall}, counting
     * only samples whose clock time is at least half their wall time, unless none is: a thread CPU clock that
     * now and then fails to advance over a sample (seen here: a 14 µs product timed at 0) would otherwise be the
     * fastest, while a sample that lost more than half its time to other processes is not needed when others
     * did not.
     */
    static long sample(Runnable task, int repeat, long perRun, LongSupplier clock, LongSupplier wall) {
        int inner = (int) Math.max(1, Math.min(1_000_000, SAMPLE_NANOS / Math.max(1, perRun)));
        long best = Long.MAX_VALUE;
        long bestAny = Long.MAX_VALUE;
        long start = wall.getAsLong();
        for (int r = 0; r < repeat || wall.getAsLong() - start < MIN_MEASURE_NANOS; r++) {
            long w0 = wall.getAsLong();
            long t0 = clock.getAsLong();
            for (int k = 0; k < inner; k++) {
                task.run();
            }
            long t = clock.getAsLong() - t0;
            long w = wall.getAsLong() - w0;
            bestAny = Math.min(bestAny, t / inner);
            if (2 * t >= w) {
                best = Math.min(best, t / inner);
            }
        }
        return best != Long.MAX_VALUE ? best : bestAny;
    }

    /**
     * Runs {@code task} in rounds until two rounds in a row pass without JIT compilation, each within 10 % of
     * the fastest round so far (after the shortest warm-up), or the longest warm-up is over; returns the wall
     * time of one run in the last round. The second condition catches code that runs interpreted while the JIT
     * waits to recompile it after a deoptimisation.
     */
    private static long warmUp(Runnable task, long minWarmupNanos) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        int steady = 0;
        while (true) {
            long compiled = monitored ? jit.getTotalCompilationTime() : 0;
            long r0 = System.nanoTime();
            int runs = 0;
            do {
                task.run();
                runs++;
            } while (System.nanoTime() - r0 < ROUND_NANOS);
            long now = System.nanoTime();
            long perRun = (now - r0) / runs;
            best = Math.min(best, perRun);
            boolean quiet = !monitored || jit.getTotalCompilationTime() == compiled;
            steady = quiet && perRun <= best + best / 10 ? steady + 1 : 0;
            if (now - start >= Math.max(MAX_WARMUP_NANOS, minWarmupNanos) || (now - start >= minWarmupNanos && steady >= 2)) {
                return perRun;
            }
        }
    }
}
