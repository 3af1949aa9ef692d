package org.sham4j.cli;

/** Size ratios the tool reports. */
final class Units {
    private Units() {
    }

    /** Bits per matrix entry (0 for an empty matrix). */
    static double bitsPerEntry(double bytes, long rows, long cols) {
        long entries = rows * cols;
        return entries == 0 ? 0 : 8.0 * bytes / entries;
    }

    /** Size as a percentage of the float32 dense size, 4 bytes per entry. */
    static double percentOfDense(double bytes, long rows, long cols) {
        long entries = rows * cols;
        return entries == 0 ? 0 : 100.0 * bytes / (4.0 * entries);
    }
}
