package org.sham4j.core.format.gsham;

import java.util.Arrays;

/**
 * How often each gap occurs, counted as gaps arrive in memory independent of their number: gaps below
 * {@link #DIRECT} in a table of counts (grown as needed, 512 KB at most), larger ones listed and sorted at the end
 * (8 bytes per large gap).
 */
final class GapHistogram {
    /** Gaps below this are counted in place. */
    static final int DIRECT = 1 << 16;

    private long[] small = new long[64];
    private int smallEnd;
    private long[] large = new long[16];
    private int largeCount;

    /** Counts one gap (not negative). */
    void add(long gap) {
        if (gap < DIRECT) {
            int g = (int) gap;
            if (g >= small.length) {
                small = Arrays.copyOf(small, Math.min(DIRECT, Math.max(2 * small.length, g + 1)));
            }
            small[g]++;
            smallEnd = Math.max(smallEnd, g + 1);
        } else {
            if (largeCount == large.length) {
                large = Arrays.copyOf(large, 2 * large.length);
            }
            large[largeCount++] = gap;
        }
    }

    /** The distinct gaps counted, ascending, and how often each occurred: {gaps, counts}. */
    long[][] result() {
        Arrays.sort(large, 0, largeCount);
        int distinct = 0;
        for (int g = 0; g < smallEnd; g++) {
            if (small[g] > 0) {
                distinct++;
            }
        }
        for (int t = 0; t < largeCount; t++) {
            if (t == 0 || large[t] != large[t - 1]) {
                distinct++;
            }
        }
        long[] gaps = new long[distinct];
        long[] counts = new long[distinct];
        int d = 0;
        for (int g = 0; g < smallEnd; g++) {
            if (small[g] > 0) {
                gaps[d] = g;
                counts[d++] = small[g];
            }
        }
        for (int t = 0; t < largeCount; t++) {
            if (t == 0 || large[t] != large[t - 1]) {
                gaps[d++] = large[t];
            }
            counts[d - 1]++;
        }
        return new long[][] {gaps, counts};
    }
}
