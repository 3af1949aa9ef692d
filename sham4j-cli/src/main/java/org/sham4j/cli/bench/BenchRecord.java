package org.sham4j.cli.bench;

import java.util.Map;

/**
 * What {@code sham bench} measures for one (matrix, format) pair. Times are in nanoseconds
 * ({@link org.sham4j.compress.Timer}; null when timing was skipped); the threaded times are those on {@code threads}
 * threads. The energy of one product is the core model's estimate ({@link org.sham4j.core.energy}), in
 * picojoules, in total and by part. The peak heap is the most the bench's JVM held while it built, checked and
 * timed this format, the matrix and its reference product included; {@code forked} says whether the times
 * come from JVMs of their own (a format whose file exceeds 2 GiB is timed in the bench's JVM), {@code forks} how many
 * (each time then the median of theirs), and the spreads the slowest JVM's time over the fastest's (1 for one JVM,
 * NaN untimed): a spread well above 1 says the JIT compiled the kernel in more than one way. For the sHAM papers'
 * formats (ham, sham, csc, im, cser), {@code paperBits} is the size the authors' reference code reports for the
 * same matrix ({@link org.sham4j.core.format.PaperAccounting}); NaN for the others.
 */
public record BenchRecord(
        String matrix, int rows, int cols, long nnz, int distinct, String format,
        long bytes, Map<String, Long> parts, double upperBoundBits, double informationLimitBits,
        long buildNanos, int batch, int threads,
        Long vectorNanos, Long batchNanos, Long vectorNanosThreaded, Long batchNanosThreaded,
        double maxAbsError, double productPicojoules, Map<String, Double> energyParts,
        Map<String, Object> preparation, long peakHeapBytes, boolean forked, int forks, double vectorSpread,
        double batchSpread, double paperBits) {

    public long entries() {
        return (long) rows * cols;
    }

    public double bitsPerEntry() {
        return entries() == 0 ? 0 : 8.0 * bytes / entries();
    }

    public double percentOfDense() {
        return entries() == 0 ? 0 : 100.0 * bytes / (4.0 * entries());
    }

    /** The paper's bound in bits per entry, NaN where none applies. */
    public double upperBoundBitsPerEntry() {
        return entries() == 0 ? Double.NaN : upperBoundBits / entries();
    }

    /** Energy of one product per entry of the matrix, in picojoules. */
    public double picojoulesPerEntry() {
        return entries() == 0 ? 0 : productPicojoules / entries();
    }

    /** The papers' own accounting of this format on this matrix, in bits per entry (NaN for other formats). */
    public double paperBitsPerEntry() {
        return entries() == 0 ? Double.NaN : paperBits / entries();
    }

    public double informationLimitBitsPerEntry() {
        return entries() == 0 ? 0 : informationLimitBits / entries();
    }
}
