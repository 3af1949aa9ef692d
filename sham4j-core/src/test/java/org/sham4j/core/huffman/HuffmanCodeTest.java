package org.sham4j.core.huffman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;

class HuffmanCodeTest {
    /** Total cost of an optimal code by the textbook priority-queue construction. */
    private static long referenceCost(long[] counts) {
        if (counts.length <= 1) {
            return 0;
        }
        PriorityQueue<Long> q = new PriorityQueue<>();
        for (long c : counts) {
            q.add(c);
        }
        long cost = 0;
        while (q.size() > 1) {
            long s = q.poll() + q.poll();
            cost += s;
            q.add(s);
        }
        return cost;
    }

    private static long cost(HuffmanCode.Built b, long[] counts) {
        long cost = 0;
        for (int s = 0; s < counts.length; s++) {
            cost += counts[s] * b.code().length(b.rankOf(s));
        }
        return cost;
    }

    @Test
    void totalCostIsOptimalOnRandomCounts() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int k = 1 + rnd.nextInt(trial < 200 ? 40 : 3000);
            long[] counts = new long[k];
            for (int s = 0; s < k; s++) {
                counts[s] = 1 + (trial % 3 == 0 ? rnd.nextInt(5) : (long) Math.exp(rnd.nextDouble() * 20));
            }
            HuffmanCode.Built b = HuffmanCode.optimal(counts);
            assertEquals(referenceCost(counts), cost(b, counts), "trial " + trial + " k " + k);
        }
    }

    @Test
    void oneSymbolNeedsNoBitsAndTwoSymbolsOneBit() {
        HuffmanCode.Built one = HuffmanCode.optimal(new long[] {17});
        assertEquals(0, one.code().length(0));
        assertEquals(0, one.code().decoder().decode(0L) & 63);
        HuffmanCode.Built two = HuffmanCode.optimal(new long[] {5, 1_000_000});
        assertEquals(1, two.code().length(0));
        assertEquals(1, two.code().length(1));
    }

    @Test
    void fibonacciCountsGiveDeepCodesThatDecode() {
        long[] counts = new long[40];
        counts[0] = 1;
        counts[1] = 1;
        for (int s = 2; s < counts.length; s++) {
            counts[s] = counts[s - 1] + counts[s - 2];
        }
        HuffmanCode.Built b = HuffmanCode.optimal(counts);
        assertEquals(39, b.code().maxLength());
        assertEquals(referenceCost(counts), cost(b, counts));
        roundTrip(b, counts.length, new Random(1), 5000);
    }

    @Test
    void manySymbolsRoundTripThroughTheDecoder() {
        Random rnd = new Random(7);
        long[] counts = new long[24_165];
        for (int s = 0; s < counts.length; s++) {
            counts[s] = 1 + (long) (1000 * Math.exp(-s / 500.0)) + rnd.nextInt(3);
        }
        HuffmanCode.Built b = HuffmanCode.optimal(counts);
        assertTrue(b.code().maxLength() > HuffmanDecoder.MAX_TABLE_BITS, "exercise the long-code path");
        roundTrip(b, counts.length, rnd, 200_000);
    }

    private static void roundTrip(HuffmanCode.Built b, int k, Random rnd, int n) {
        int[] symbols = new int[n];
        BitWriter w = new BitWriter();
        for (int t = 0; t < n; t++) {
            symbols[t] = rnd.nextInt(k);
            int r = b.rankOf(symbols[t]);
            w.write(b.code().code(r), b.code().length(r));
        }
        long[] words = w.toWords();
        HuffmanDecoder d = b.code().decoder();
        long pos = 0;
        for (int t = 0; t < n; t++) {
            int e = d.decode(Bits.peek(words, pos));
            pos += e & 63;
            assertEquals(symbols[t], b.symbolAt(e >>> 6), "symbol " + t);
        }
        assertEquals(w.bitLength(), pos);
    }
}
