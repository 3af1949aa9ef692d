package org.sham4j.core.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Bit positions past 2^31: the writer, the cursor, random peeks and byte windows agree on a stream of
 * 2^31 + 2^16 bits (about 270 MB, the least that holds such positions), followed by fields of odd widths.
 */
class LongBitPositionsTest {
    private static final long WORDS = ((1L << 31) + (1L << 16)) / 64;

    private static long pattern(long k) {
        long z = k * 0x9e3779b97f4a7c15L;
        return z ^ (z >>> 29);
    }

    @Test
    void positionsPastTwoToThe31BitsReadWhatWasWritten() {
        BitWriter w = new BitWriter(WORDS * 64 + 128);
        for (long k = 0; k < WORDS; k++) {
            w.write(pattern(k), 64);
        }
        long tail = w.bitLength();
        int[] widths = {3, 29, 64, 1, 17, 50, 31};
        for (int f = 0; f < widths.length; f++) {
            w.write(pattern(-f - 1), widths[f]);
        }
        assertEquals(WORDS * 64 + 195, w.bitLength());
        long[] words = w.toWords();
        w = null;

        long[] probes = {(1L << 31) - 3, 1L << 31, (1L << 31) + 5, (1L << 31) + 63, tail - 64};
        for (long pos : probes) {
            long k = pos >>> 6;
            int s = (int) (pos & 63);
            long expected = s == 0 ? pattern(k) : pattern(k) << s | pattern(k + 1) >>> (64 - s);
            assertEquals(expected, Bits.peek(words, pos), "peek at " + pos);
            assertEquals(expected >>> 40, Bits.read(words, pos, 24), "read at " + pos);
            BitCursor c = new BitCursor(words, pos);
            assertEquals(expected, c.window(), "cursor at " + pos);
            c.skip(64);
            assertEquals(Bits.peek(words, pos + 64), c.window(), "cursor after a skip from " + pos);
        }
        BitCursor c = new BitCursor(words, tail);
        for (int f = 0; f < widths.length; f++) {
            long mask = widths[f] == 64 ? -1L : (1L << widths[f]) - 1;
            assertEquals(pattern(-f - 1) & mask, c.window() >>> (64 - widths[f]), "field " + f);
            c.skip(widths[f]);
        }

        byte[] bytes = ByteBits.fromWords(words, WORDS * 64);
        words = null;
        for (long pos : new long[] {(1L << 31) + 7, (1L << 31) + 8 * 1001 + 3}) {
            long k = pos >>> 6;
            int s = (int) (pos & 63);
            long expected = pattern(k) << s | pattern(k + 1) >>> (64 - s);
            assertEquals(expected >>> 8, ByteBits.window(bytes, pos) >>> 8, "byte window at " + pos);
        }
    }
}
