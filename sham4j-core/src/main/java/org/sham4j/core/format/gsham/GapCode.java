package org.sham4j.core.format.gsham;

/**
 * Maps a gap g &gt;= 0 to a symbol plus extra raw bits, with {@code s} mantissa bits: for v = g + 1 with
 * floor(log2 v) = e, gaps with e &lt;= s are their own symbol; larger ones are coded by e and the s bits below
 * the leading one (the symbol) and the remaining e - s low bits (raw). Small s suits random positions
 * (geometric gaps); large s codes the exact gaps of structured matrices.
 */
final class GapCode {
    private final int s;
    private final int direct;

    GapCode(int mantissaBits) {
        this.s = mantissaBits;
        this.direct = (1 << (s + 1)) - 1;
    }

    int mantissaBits() {
        return s;
    }

    /** Number of symbols that can occur for gaps below 2^31. */
    int alphabetSize() {
        return direct + Math.max(0, 32 - s) * (1 << s);
    }

    int symbol(long gap) {
        long v = gap + 1;
        int e = 63 - Long.numberOfLeadingZeros(v);
        if (e <= s) {
            return (int) gap;
        }
        int extra = e - s;
        return direct + (e - s - 1) * (1 << s) + (int) ((v >>> extra) - (1L << s));
    }

    /** Raw bits that follow {@code symbol}. */
    int extraBits(int symbol) {
        return symbol < direct ? 0 : ((symbol - direct) >>> s) + 1;
    }

    /** The raw bits of {@code gap} under its symbol. */
    long extraValue(long gap) {
        long v = gap + 1;
        int e = 63 - Long.numberOfLeadingZeros(v);
        return e <= s ? 0 : v & ((1L << (e - s)) - 1);
    }

    /** The gap of {@code symbol} with raw bits {@code extra}. */
    long gap(int symbol, long extra) {
        if (symbol < direct) {
            return symbol;
        }
        int q = symbol - direct;
        int extraBits = (q >>> s) + 1;
        long top = (1L << s) + (q & ((1 << s) - 1));
        return ((top << extraBits) | extra) - 1;
    }
}
