package org.sham4j.core.format;

import org.sham4j.core.bits.PackedInts;
import org.sham4j.core.energy.OperationCounts;

/**
 * Counts the operations and memory accesses of one product y = x<sup>T</sup>W on an n x m stored matrix, in the
 * terms the formats share (see {@link org.sham4j.core.energy} for the model).
 */
public final class ProductCounts {
    private final int rows;
    private final int cols;
    private final OperationCounts.Builder counts = OperationCounts.builder();

    public ProductCounts(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /** The builder, for counts of a format's own (such as its decoding tables). */
    public OperationCounts.Builder counts() {
        return counts;
    }

    /**
     * Column sums: each of {@code nonZeros} products reads x[i], multiplies and adds into its column's register;
     * each output is written once.
     */
    public ProductCounts columnSums(long nonZeros) {
        input(nonZeros);
        counts.multiply(nonZeros).add(nonZeros);
        counts.access("y", 4L * cols, 32, cols);
        return this;
    }

    /** Clears y, then {@code updates} times reads y[j], adds and writes y[j]. */
    public ProductCounts scatter(long updates) {
        counts.access("y", 4L * cols, 32, cols + 2 * updates);
        counts.add(updates);
        return this;
    }

    /** Reads of x. */
    public ProductCounts input(long reads) {
        counts.access("x", 4L * rows, 32, reads);
        return this;
    }

    /** Reads of an array of {@code length} 32-bit values (floats or ints). */
    public ProductCounts words(String array, long length, long reads) {
        counts.access(array, 4L * length, 32, reads);
        return this;
    }

    /** Reads of a packed array, each of its width (nothing when the width is 0). */
    public ProductCounts packed(String array, PackedInts values, long reads) {
        return bits(array, values.byteLength(), values.width(), reads);
    }

    /** Reads of {@code widthBits} bits each from an array of {@code arrayBytes} bytes (none for width 0). */
    public ProductCounts bits(String array, long arrayBytes, int widthBits, long reads) {
        if (widthBits > 0) {
            counts.access(array, arrayBytes, widthBits, reads);
        }
        return this;
    }

    /** One read of each 64-bit word of a bit stream of {@code bits} bits. */
    public ProductCounts stream(String array, long bits) {
        counts.access(array, (bits + 7) / 8, 64, (bits + 63) / 64);
        return this;
    }

    public OperationCounts build() {
        return counts.build();
    }
}
