package org.sham4j.core.format.gsham;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GapHistogramTest {
    /** The histogram against a sorted map, with gaps on both sides of the table's end and its growth steps. */
    @Test
    void countsEveryGapAsASortedMapDoes() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            GapHistogram h = new GapHistogram();
            TreeMap<Long, Long> reference = new TreeMap<>();
            int n = r.nextInt(2000);
            for (int i = 0; i < n; i++) {
                long gap = switch (r.nextInt(5)) {
                    case 0 -> r.nextInt(64);
                    case 1 -> r.nextInt(GapHistogram.DIRECT);
                    case 2 -> GapHistogram.DIRECT - 1 + r.nextInt(3);
                    case 3 -> GapHistogram.DIRECT + r.nextInt(100);
                    default -> (long) (r.nextDouble() * 1e12);
                };
                h.add(gap);
                reference.merge(gap, 1L, Long::sum);
            }
            long[][] result = h.result();
            assertArrayEquals(reference.keySet().stream().mapToLong(Long::longValue).toArray(), result[0]);
            assertArrayEquals(reference.values().stream().mapToLong(Long::longValue).toArray(), result[1]);
        }
    }

    @Test
    void emptyHasNoGaps() {
        long[][] result = new GapHistogram().result();
        assertArrayEquals(new long[0], result[0]);
        assertArrayEquals(new long[0], result[1]);
    }
}
