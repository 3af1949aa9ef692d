package org.sham4j.core.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sham4j.core.huffman.HuffmanCode;
import org.sham4j.core.huffman.HuffmanDecoder;

class EnergyCostsTest {
    private static final EnergyCosts H = EnergyCosts.HOROWITZ_45NM;

    @Test
    void accessesCostByArraySizeAndWidth() {
        assertEquals(5, H.accessPicojoules(0, 32));
        assertEquals(5, H.accessPicojoules(8 * 1024, 32));
        assertEquals(10, H.accessPicojoules(8 * 1024 + 1, 32));
        assertEquals(10, H.accessPicojoules(32 * 1024, 32));
        assertEquals(50, H.accessPicojoules(32 * 1024 + 1, 32));
        assertEquals(50, H.accessPicojoules(1 << 20, 32));
        assertEquals(1000, H.accessPicojoules((1 << 20) + 1, 32));
        assertEquals(1.25, H.accessPicojoules(100, 8));
        assertEquals(2000, H.accessPicojoules(1L << 40, 64));
    }

    @Test
    void countsArePricedAndBrokenDown() {
        OperationCounts c = OperationCounts.builder().add(10).multiply(4)
                .access("x", 400, 32, 7).access("table", 40_000, 16, 3).access("x", 400, 32, 1).build();
        assertEquals(2, c.accesses().size(), "the two reads of x merge");
        assertEquals(8, c.accessCount("x"));
        double arithmetic = 10 * 0.9 + 4 * 3.7;
        assertEquals(arithmetic + 8 * 5 + 3 * 25, H.picojoules(c), 1e-12);
        assertEquals(Map.of("arithmetic", arithmetic, "x", 40.0, "table", 75.0), H.breakdown(c));
        OperationCounts twice = c.times(2);
        assertEquals(2 * H.picojoules(c), H.picojoules(twice), 1e-9);
        assertEquals(H.picojoules(twice), H.picojoules(c.plus(c)), 1e-9);
    }

    @Test
    void badCountsAndTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryAccess("x", 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryAccess("x", 4, 65, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryAccess("x", -1, 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryAccess(" ", 4, 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new OperationCounts(-1, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new EnergyCosts(0.9, 3.7,
                List.of(new EnergyCosts.MemoryTier(1024, 5))));
        assertThrows(IllegalArgumentException.class, () -> new EnergyCosts(0.9, Double.NaN,
                List.of(new EnergyCosts.MemoryTier(Long.MAX_VALUE, 5))));
        assertThrows(IllegalArgumentException.class, () -> new EnergyCosts(0.9, 3.7, List.of(
                new EnergyCosts.MemoryTier(1024, 5), new EnergyCosts.MemoryTier(512, 5),
                new EnergyCosts.MemoryTier(Long.MAX_VALUE, 5))));
    }

    @Test
    void longCodewordsCostSecondLevelAndScannedReads() {
        // Fibonacci counts give codewords of 1 to 24 bits: primary table of 11 bits, second level of 8
        long[] fib = new long[25];
        fib[0] = 1;
        fib[1] = 1;
        for (int i = 2; i < fib.length; i++) {
            fib[i] = fib[i - 1] + fib[i - 2];
        }
        HuffmanDecoder d = HuffmanCode.optimal(fib).code().decoder();
        assertEquals(11, d.tableBits());
        long[] byLength = new long[25];
        byLength[5] = 1;
        byLength[15] = 1;
        byLength[22] = 1;
        OperationCounts.Builder b = OperationCounts.builder();
        d.countLookups("t", byLength, b);
        OperationCounts c = b.build();
        assertEquals(3, c.accessCount("t"), "one primary lookup each");
        assertEquals(2, c.accessCount("t (second level)"), "15 and 22 bits pass the primary table");
        assertEquals(3, c.accessCount("t (first codes)"), "22 bits: lengths 20, 21, 22 scanned");
        assertEquals(3, c.accessCount("t (counts)"));
        assertEquals(1, c.accessCount("t (first ranks)"));
    }
}
