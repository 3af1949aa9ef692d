package org.sham4j.core.huffman;

/**
 * Table-driven decoding of a canonical code from a left-justified 64-bit window. Codes up to
 * {@link #tableBits()} bits long are resolved by one lookup; longer ones fall back to a scan over lengths
 * using the canonical first code of each length.
 * <p>Hot loops read {@link #table()} directly: entry = (rank &lt;&lt; 6) | length, or -1 for a longer code,
 * indexed by {@code (int) ((window >>> 1) >>> (63 - tableBits))}.
 */
public final class HuffmanDecoder {
    /** Widest primary table: 2^11 entries of 4 bytes sit in L1. */
    public static final int MAX_TABLE_BITS = 11;

    private final int tableBits;
    private final int shift;
    private final int[] table;
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

    /** Decodes a codeword longer than the table: returns (rank &lt;&lt; 6) | length. */
    public int decodeLong(long window) {
        return decodeFrom(window, tableBits + 1);
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
}
