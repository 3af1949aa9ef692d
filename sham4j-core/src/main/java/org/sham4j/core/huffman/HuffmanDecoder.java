package org.sham4j.core.huffman;

import org.sham4j.core.bits.Bits;
import org.sham4j.core.energy.OperationCounts;

/**
 * Table-driven decoding of a canonical code from a left-justified 64-bit window. Codes up to
 * {@link #tableBits()} bits long are resolved by one lookup; longer ones by a second-level table of their
 * prefix, and the longest by a scan over lengths using the canonical first code of each length.
 * <p>Hot loops read {@link #table()} directly: entry = (rank &lt;&lt; 6) | length, or negative for a longer
 * code (then call {@link #decodeLong}), indexed by {@code (int) ((window >>> 1) >>> (63 - tableBits))}.
 */
public final class HuffmanDecoder {
    /** Widest primary table: 2^11 entries of 4 bytes sit in L1. */
    public static final int MAX_TABLE_BITS = 11;
    /** Widest second-level table. */
    private static final int MAX_SUB_BITS = 8;

    private final int tableBits;
    private final int shift;
    private final int[] table;
    /** Second-level tables of {@link #subBits} bits for the primary prefixes of longer codewords. */
    private final int[] sub;
    private final int subBits;
    private final int maxLength;
    private final long[] firstCode;
    private final int[] count;
    private final int[] firstRank;

    HuffmanDecoder(HuffmanCode code) {
        maxLength = code.maxLength();
        tableBits = Math.min(maxLength, MAX_TABLE_BITS);
        shift = 63 - tableBits;
        table = new int[1 << tableBits];
        firstCode = new long[maxLength + 2];
        count = new int[maxLength + 2];
        firstRank = new int[maxLength + 2];
        long c = 0;
        int rank = 0;
        for (int len = 0; len <= maxLength; len++) {
            if (len > 0) {
                c <<= 1;
            }
            firstCode[len] = c;
            count[len] = code.countOfLength(len);
            firstRank[len] = rank;
            c += count[len];
            rank += count[len];
        }
        java.util.Arrays.fill(table, -1);
        for (int len = 0; len <= tableBits; len++) {
            for (int t = 0; t < count[len]; t++) {
                long cw = firstCode[len] + t;
                int from = (int) (cw << (tableBits - len));
                int to = (int) ((cw + 1) << (tableBits - len));
                java.util.Arrays.fill(table, from, to, ((firstRank[len] + t) << 6) | len);
            }
        }
        subBits = Math.min(maxLength - tableBits, MAX_SUB_BITS);
        sub = subTables();
    }

    /**
     * Builds the second-level tables: each primary prefix of longer codewords gets 2^subBits entries, its
     * primary entry becomes -(offset + 2), and codewords longer than tableBits + subBits stay -1 (scanned).
     */
    private int[] subTables() {
        if (subBits <= 0) {
            return new int[0];
        }
        int size = 1 << subBits;
        int[] out = new int[0];
        int used = 0;
        for (int len = 0; len <= maxLength; len++) {
            for (int t = 0; t < count[len] && len > tableBits; t++) {
                long c = firstCode[len] + t;
                int prefix = (int) (c >>> (len - tableBits));
                if (table[prefix] == -1) {
                    if (used + size > out.length) {
                        out = java.util.Arrays.copyOf(out, Math.max(2 * out.length, used + size));
                    }
                    java.util.Arrays.fill(out, used, used + size, -1);
                    table[prefix] = -(used + 2);
                    used += size;
                }
                int extra = len - tableBits;
                if (extra <= subBits) {
                    int offset = -table[prefix] - 2;
                    int low = (int) (c & ((1L << extra) - 1));
                    int from = offset + (low << (subBits - extra));
                    java.util.Arrays.fill(out, from, from + (1 << (subBits - extra)), ((firstRank[len] + t) << 6) | len);
                }
            }
        }
        return java.util.Arrays.copyOf(out, used);
    }

    public int tableBits() {
        return tableBits;
    }

    /** Right shift that turns {@code window >>> 1} into a table index. */
    public int tableShift() {
        return shift;
    }

    public int[] table() {
        return table;
    }

    /** Decodes the codeword at the top of {@code window}: returns (rank &lt;&lt; 6) | length. */
    public int decode(long window) {
        int e = table[(int) ((window >>> 1) >>> shift)];
        return e >= 0 ? e : decodeLong(window);
    }

    /**
     * Decodes a codeword that may be longer than the primary table, through the second-level table of its
     * prefix: returns (rank &lt;&lt; 6) | length.
     */
    public int decodeLong(long window) {
        int e = table[(int) ((window >>> 1) >>> shift)];
        if (e >= 0) {
            return e;
        }
        int s2 = sub[-e - 2 + (int) (((window << tableBits) >>> 1) >>> (63 - subBits))];
        return s2 >= 0 ? s2 : decodeFrom(window, tableBits + subBits + 1);
    }

    /**
     * Decodes a codeword known to be at least {@code minLength} bits long: returns (rank &lt;&lt; 6) | length.
     * Left-justified, a canonical code's codewords grow with length, so the first length whose range holds
     * the window's prefix is the codeword's.
     */
    public int decodeFrom(long window, int minLength) {
        for (int len = minLength; len <= maxLength; len++) {
            long off = (window >>> (64 - len)) - firstCode[len];
            if (off >= 0 && off < count[len]) {
                return ((firstRank[len] + (int) off) << 6) | len;
            }
        }
        throw new IllegalStateException("invalid codeword");
    }

    /**
     * How many of the {@code count} codewords from bit {@code from} of a stream (with two spare words) have each
     * length: element len counts those of length len.
     */
    public long[] lengthHistogram(long[] words, long from, long count) {
        long[] lengths = new long[maxLength + 1];
        long pos = from;
        for (long t = 0; t < count; t++) {
            int len = decode(Bits.peek(words, pos)) & 63;
            lengths[len]++;
            pos += len;
        }
        return lengths;
    }

    /**
     * Adds the table reads of decoding {@code codewordsOfLength[len]} codewords of each length len: one in the
     * primary table, one more in a second-level table past it, and past that two per length scanned and the
     * length's first rank.
     */
    public void countLookups(String name, long[] codewordsOfLength, OperationCounts.Builder counts) {
        long primary = 0;
        long second = 0;
        long scanned = 0;
        long scans = 0;
        for (int len = 0; len < codewordsOfLength.length; len++) {
            long n = codewordsOfLength[len];
            primary += n;
            if (len > tableBits) {
                second += n;
            }
            if (len > tableBits + subBits) {
                scans += n;
                scanned += n * (len - tableBits - subBits);
            }
        }
        counts.access(name, 4L * table.length, 32, primary);
        counts.access(name + " (second level)", 4L * sub.length, 32, second);
        counts.access(name + " (first codes)", 8L * firstCode.length, 64, scanned);
        counts.access(name + " (counts)", 4L * count.length, 32, scanned);
        counts.access(name + " (first ranks)", 4L * firstRank.length, 32, scans);
    }
}
