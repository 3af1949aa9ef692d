package org.sham4j.core.format;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sham4j.core.huffman.HuffmanLengths;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * The size of a matrix in each of the sHAM papers' formats as the authors' reference implementation counts it
 * (its space functions), in bits: b = 32-bit values, and indices, pointers and table entries at the fewest of
 * 8, 16 or 32 bits that hold them (their {@code bit_req}). HAM: the Huffman codewords of every entry, padded to a
 * word, plus the canonical code's tables; sHAM: the codewords of the non-zeros padded to a word, a row index per
 * non-zero and a pointer per column, plus the tables; CSC: per entry s(b + bit_req(n)) + bit_req(n)/n, s the
 * density; IM: bit_req(k) per entry plus the k values; CSER (of the transpose, as they build it): the values, a
 * row index per entry that is not the most frequent value, a value index and a pointer per group of equal values
 * in a column, and a pointer per column. This is what "the papers' best format" means when sham4j's formats are
 * compared with theirs on the same matrix.
 */
public final class PaperAccounting {
    private static final int B = 32;

    private PaperAccounting() {
    }

    /** Bits by format name ({@code ham}, {@code sham}, {@code csc}, {@code im}, {@code cser}) for {@code m}. */
    public static Map<String, Double> bits(SparseMatrix m) {
        long n = m.rows();
        long cols = m.cols();
        long entries = n * cols;
        long nnz = m.nnz();
        long zeros = entries - nnz;
        ValueAlphabet nonZero = ValueAlphabet.of(m.values(), m.nnz(), 0);
        ValueAlphabet all = ValueAlphabet.of(m.values(), m.nnz(), zeros);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("ham", codewords(all.counts()) + codeTables(all.counts()));
        out.put("sham", codewords(nonZero.counts()) + nnz * bitReq(n) + cols * bitReq(n) + codeTables(nonZero.counts()));
        out.put("csc", entries == 0 ? 0 : entries * ((double) nnz / entries * (B + bitReq(n)) + (double) bitReq(n) / n));
        out.put("im", (double) entries * bitReq(all.size()) + (double) all.size() * B);
        out.put("cser", cser(m, all, zeros));
        return out;
    }

    /** Codewords of an optimal code for these counts, padded to a whole word. */
    private static double codewords(long[] counts) {
        if (counts.length <= 1) {
            return 0;
        }
        int[] lengths = HuffmanLengths.compute(counts);
        long bits = 0;
        for (int s = 0; s < counts.length; s++) {
            bits += lengths[s] * counts[s];
        }
        return Math.ceil(bits / (double) B) * B;
    }

    /** Symbols, first symbol and first codeword per length, and the partial decoding table of 2^t entries. */
    private static double codeTables(long[] counts) {
        int k = counts.length;
        if (k == 0) {
            return 0;
        }
        int maxLength = 0;
        if (k > 1) {
            for (int l : HuffmanLengths.compute(counts)) {
                maxLength = Math.max(maxLength, l);
            }
        }
        int t = maxLength <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(maxLength - 1);
        double symbols = (double) k * B;
        double firstSymbol = (maxLength + 1.0) * bitReq(k);
        double firstCode = (maxLength + 2.0) * bitReq(1L << Math.min(62, maxLength));
        double table = (t == 0 ? 0 : 1L << t) * (double) bitReq(maxLength);
        return symbols + firstSymbol + firstCode + table;
    }

    private static double cser(SparseMatrix m, ValueAlphabet all, long zeros) {
        int implicit = all.mostFrequent();
        boolean zeroImplicit = zeros > 0 && all.value(implicit) == 0f;
        long listed = (long) m.rows() * m.cols() - all.count(implicit);
        long groups = 0;
        int[] seen = new int[all.size()];
        java.util.Arrays.fill(seen, -1);
        int[] ptr = m.colPtr();
        for (int j = 0; j < m.cols(); j++) {
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                int s = all.symbolOf(m.values()[p]);
                if (s != implicit && seen[s] != j) {
                    seen[s] = j;
                    groups++;
                }
            }
            if (!zeroImplicit && ptr[j + 1] - ptr[j] < m.rows()) {
                groups++;
            }
        }
        return (double) all.size() * B + (double) listed * bitReq(m.rows()) + (double) groups * bitReq(all.size())
                + (groups + 1.0) * bitReq(listed) + (m.cols() + 1.0) * bitReq(groups + 1);
    }

    /** The fewest of 8, 16, 32 (or 64) bits that hold {@code x}, as the reference's {@code bit_req}. */
    static int bitReq(long x) {
        int bits = 8;
        while (bits < 64 && x >= 1L << bits) {
            bits *= 2;
        }
        return bits;
    }
}
