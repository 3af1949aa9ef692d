package org.sham4j.core.prune;

/**
 * Which weights of an array survived pruning, one bit each. Fine-tuning applies it after every update so that
 * pruned weights stay at zero.
 */
public final class PruneMask {
    private final long[] kept;
    private final int size;
    private final int keptCount;

    PruneMask(long[] kept, int size) {
        this.kept = kept;
        this.size = size;
        int c = 0;
        for (long w : kept) {
            c += Long.bitCount(w);
        }
        this.keptCount = c;
    }

    /** A mask of {@code size} weights with none kept, to be filled by {@link #keep(long[], int)}. */
    static long[] none(int size) {
        return new long[(size + 63) >>> 6];
    }

    static void keep(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    /** Number of weights. */
    public int size() {
        return size;
    }

    public boolean isKept(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return (kept[i >>> 6] & (1L << i)) != 0;
    }

    public int keptCount() {
        return keptCount;
    }

    public int prunedCount() {
        return size - keptCount;
    }

    /** Percent of the weights pruned (0 for an empty array). */
    public double sparsity() {
        return size == 0 ? 0 : 100.0 * prunedCount() / size;
    }

    /** Sets the pruned positions of {@code values} to 0. */
    public void apply(float[] values) {
        if (values.length != size) {
            throw new IllegalArgumentException("array holds " + values.length + " floats, the mask " + size);
        }
        for (int i = 0; i < size; i++) {
            if ((kept[i >>> 6] & (1L << i)) == 0) {
                values[i] = 0f;
            }
        }
    }
}
