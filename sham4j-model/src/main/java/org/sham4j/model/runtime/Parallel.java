package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;

/** Splits independent index ranges over the executor's threads; every index is computed the same way. */
final class Parallel {
    /** Ranges per thread: enough to balance, few enough to keep the overhead small. */
    private static final int RANGES_PER_THREAD = 4;

    private Parallel() {
    }

    /** A task over the index range [from, to). */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    /** Runs {@code task} over [0, count) split into ranges. */
    static void forRange(ProductExecutor executor, int count, RangeTask task) {
        int ranges = Math.max(1, Math.min(count, executor.threads() == 1 ? 1 : executor.threads() * RANGES_PER_THREAD));
        executor.run(ranges, r -> task.run((int) ((long) count * r / ranges), (int) ((long) count * (r + 1) / ranges)));
    }
}
