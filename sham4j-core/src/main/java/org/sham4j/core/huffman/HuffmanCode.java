package org.sham4j.core.huffman;

import java.io.IOException;
import java.util.Arrays;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.io.InvalidInputException;

/**
 * A canonical prefix code over symbols numbered by rank 0..k-1, where ranks are sorted by code length:
 * the code is fully given by how many codewords each length has. Formats store their codebooks in rank
 * order, so the code table costs only those counts.
 */
public final class HuffmanCode {
    /** Longest code length accepted: the decoder looks at most 64 bits ahead. */
    public static final int MAX_LENGTH = 56;

    private final int symbols;
    private final int[] countOfLength;
    /** Per-rank lengths and codewords, made on first use by an encoder (a decoder needs only the counts). */
    private volatile Tables tables;

    private record Tables(int[] lengths, long[] codes) {
    }

    private HuffmanCode(int[] countOfLength) {
        this.countOfLength = countOfLength;
        int k = 0;
        for (int c : countOfLength) {
            k += c;
        }
        this.symbols = k;
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = tabulate();
            tables = t;
        }
        return t;
    }

    private Tables tabulate() {
        int[] lengths = new int[symbols];
        long[] codes = new long[symbols];
        long code = 0;
        int rank = 0;
        for (int len = 0; len < countOfLength.length; len++) {
            if (len > 0) {
                code <<= 1;
            }
            for (int c = 0; c < countOfLength[len]; c++) {
                lengths[rank] = len;
                codes[rank] = code++;
                rank++;
            }
        }
        return new Tables(lengths, codes);
    }

    /** An optimal code for the given positive symbol counts, with each symbol's rank in it. */
    public static Built optimal(long[] counts) {
        int[] lengths = HuffmanLengths.compute(counts);
        int k = counts.length;
        int maxLen = 0;
        for (int l : lengths) {
            maxLen = Math.max(maxLen, l);
        }
        if (maxLen > MAX_LENGTH) {
            throw new IllegalArgumentException("Huffman code length " + maxLen + " exceeds " + MAX_LENGTH);
        }
        int[] countOfLength = new int[maxLen + 1];
        for (int l : lengths) {
            countOfLength[l]++;
        }
        // Canonical order: by length, then by symbol.
        long[] keyed = new long[k];
        for (int s = 0; s < k; s++) {
            keyed[s] = ((long) lengths[s] << 32) | s;
        }
        Arrays.sort(keyed);
        int[] symbolOfRank = new int[k];
        int[] rankOfSymbol = new int[k];
        for (int r = 0; r < k; r++) {
            int s = (int) keyed[r];
            symbolOfRank[r] = s;
            rankOfSymbol[s] = r;
        }
        return new Built(new HuffmanCode(countOfLength), rankOfSymbol, symbolOfRank);
    }

    /** A code together with the rank each input symbol got in it. */
    public static final class Built {
        private final HuffmanCode code;
        private final int[] rankOfSymbol;
        private final int[] symbolOfRank;

        Built(HuffmanCode code, int[] rankOfSymbol, int[] symbolOfRank) {
            this.code = code;
            this.rankOfSymbol = rankOfSymbol;
            this.symbolOfRank = symbolOfRank;
        }

        public HuffmanCode code() {
            return code;
        }

        /** Rank (canonical position) of input symbol s. */
        public int rankOf(int symbol) {
            return rankOfSymbol[symbol];
        }

        /** Input symbol at canonical position r. */
        public int symbolAt(int rank) {
            return symbolOfRank[rank];
        }
    }

    public int symbols() {
        return symbols;
    }

    public int maxLength() {
        return countOfLength.length - 1;
    }

    public int length(int rank) {
        return tables().lengths[rank];
    }

    public long code(int rank) {
        return tables().codes[rank];
    }

    /** Number of codewords of length {@code len}. */
    public int countOfLength(int len) {
        return len < countOfLength.length ? countOfLength[len] : 0;
    }

    /** A table-driven decoder for this code. */
    public HuffmanDecoder decoder() {
        return new HuffmanDecoder(this);
    }

    /** Writes the code table: the number of symbols, the longest length, and the count of each length. */
    public void write(PayloadOutput out) {
        out.writeVarLong(symbols);
        out.writeByte(maxLength());
        for (int len = 1; len <= maxLength(); len++) {
            out.writeVarLong(countOfLength[len]);
        }
    }

    /**
     * Reads a code table written by {@link #write}, checking that it describes a complete prefix code
     * over at most {@code maxSymbols} symbols.
     */
    public static HuffmanCode read(PayloadInput in, long maxSymbols) throws IOException {
        int k = in.readCount("code table symbols", maxSymbols);
        int maxLen = in.readByte();
        if (maxLen > MAX_LENGTH) {
            throw new InvalidInputException("code table: length " + maxLen + " exceeds " + MAX_LENGTH);
        }
        int[] countOfLength = new int[maxLen + 1];
        long total = 0;
        // Kraft sum scaled by 2^maxLen: a complete code sums to exactly 2^maxLen.
        long kraft = 0;
        for (int len = 1; len <= maxLen; len++) {
            countOfLength[len] = in.readCount("codewords of length " + len, k);
            total += countOfLength[len];
            kraft += (long) countOfLength[len] << (maxLen - len);
        }
        if (maxLen == 0) {
            if (k > 1) {
                throw new InvalidInputException("code table: " + k + " symbols but no code lengths");
            }
            countOfLength[0] = k;
            total = k;
            kraft = k == 1 ? 1 : 0;
        }
        if (maxLen > 0 && countOfLength[maxLen] == 0) {
            throw new InvalidInputException("code table: no codeword has the longest length " + maxLen);
        }
        if (total != k) {
            throw new InvalidInputException("code table: lengths cover " + total + " symbols, expected " + k);
        }
        if (k > 0 && kraft != 1L << maxLen) {
            throw new InvalidInputException("code table: code lengths do not form a complete prefix code");
        }
        return new HuffmanCode(countOfLength);
    }
}
