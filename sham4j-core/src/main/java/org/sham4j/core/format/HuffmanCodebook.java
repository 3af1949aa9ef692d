package org.sham4j.core.format;

import java.io.IOException;
import org.sham4j.core.huffman.HuffmanCode;
import org.sham4j.core.huffman.HuffmanDecoder;

/**
 * A codebook of float32 values with a canonical Huffman code over them: value r of the codebook has
 * codeword r of the code. Stores as the code table followed by the values in code order, which within one
 * code length ascend by bit pattern and so are stored as coded gaps ({@link SortedValueCoder}).
 */
public final class HuffmanCodebook {
    private final HuffmanCode code;
    private final float[] values;
    private final ValueAlphabet alphabet;
    private final int[] rankOfSymbol;

    private HuffmanCodebook(HuffmanCode code, float[] values, ValueAlphabet alphabet, int[] rankOfSymbol) {
        this.code = code;
        this.values = values;
        this.alphabet = alphabet;
        this.rankOfSymbol = rankOfSymbol;
    }

    /** An optimal code for the alphabet's counts. */
    public static HuffmanCodebook build(ValueAlphabet alphabet) {
        HuffmanCode.Built built = HuffmanCode.optimal(alphabet.counts());
        int k = alphabet.size();
        float[] values = new float[k];
        int[] rankOfSymbol = new int[k];
        for (int s = 0; s < k; s++) {
            rankOfSymbol[s] = built.rankOf(s);
            values[rankOfSymbol[s]] = alphabet.value(s);
        }
        return new HuffmanCodebook(built.code(), values, alphabet, rankOfSymbol);
    }

    /** Rank (codeword index) of a value of the alphabet it was built from. */
    public int rankOf(float v) {
        return rankOfSymbol[alphabet.symbolOf(v)];
    }

    public HuffmanCode code() {
        return code;
    }

    /** Values in code order (not a copy). */
    public float[] values() {
        return values;
    }

    public int size() {
        return values.length;
    }

    public HuffmanDecoder decoder() {
        return code.decoder();
    }

    /** Total bits of the codewords of the alphabet's entries. */
    public long codedBits() {
        long bits = 0;
        for (int s = 0; s < values.length; s++) {
            bits += alphabet.count(s) * code.length(rankOfSymbol[s]);
        }
        return bits;
    }

    /** Writes the code table (as code tables) and the values (as codebook). */
    public void write(PayloadOutput out) {
        out.part(SizeBreakdown.CODE_TABLES);
        code.write(out);
        out.part(SizeBreakdown.CODEBOOK);
        SortedValueCoder.write(out, values, runLengths(code));
    }

    /** Reads a codebook of at most {@code maxSymbols} values written by {@link #write}. */
    public static HuffmanCodebook read(PayloadInput in, long maxSymbols) throws IOException {
        HuffmanCode code = HuffmanCode.read(in, Math.min(maxSymbols, 8L * in.remaining()));
        float[] values = SortedValueCoder.read(in, runLengths(code), code.symbols());
        return new HuffmanCodebook(code, values, null, null);
    }

    /** Refuses a codebook of the non-zeros alone (as {@link #read} gives it) that holds a zero. */
    public void checkNonZeros() throws IOException {
        for (float v : values) {
            PayloadInput.check(v != 0f, "zero in the codebook of non-zeros");
        }
    }

    /**
     * Refuses a codebook that the writer would not have written for these counts of each rank (codeword): a value
     * twice, a negative zero, an unused codeword, or code lengths other than the optimal ones for the counts.
     */
    public void checkOptimal(long[] countOfRank) throws IOException {
        int k = values.length;
        int[] bits = new int[k];
        for (int r = 0; r < k; r++) {
            bits[r] = Float.floatToRawIntBits(values[r]);
            PayloadInput.check(bits[r] != 0x80000000, "negative zero in the codebook");
            PayloadInput.check(countOfRank[r] > 0, "codeword " + r + " is never used");
        }
        // Symbols are the values in ascending bit order, as ValueAlphabet numbers them.
        long[] keyed = new long[k];
        for (int r = 0; r < k; r++) {
            keyed[r] = ((long) bits[r] << 32) | r;
        }
        java.util.Arrays.sort(keyed);
        long[] counts = new long[k];
        for (int s = 0; s < k; s++) {
            PayloadInput.check(s == 0 || (int) (keyed[s] >> 32) != (int) (keyed[s - 1] >> 32),
                    "a value appears twice in the codebook");
            counts[s] = countOfRank[(int) keyed[s]];
        }
        int[] optimal;
        try {
            optimal = org.sham4j.core.huffman.HuffmanLengths.compute(counts);
        } catch (IllegalArgumentException e) {
            throw new org.sham4j.core.io.InvalidInputException("codebook: " + e.getMessage());
        }
        for (int s = 0; s < k; s++) {
            PayloadInput.check(optimal[s] == code.length((int) keyed[s]),
                    "code lengths are not the optimal ones for the counts of the values");
        }
    }

    /** Values of one code length form a run of increasing bit patterns (ranks follow symbol order). */
    private static int[] runLengths(HuffmanCode code) {
        int[] runs = new int[code.maxLength() + 1];
        for (int len = 0; len <= code.maxLength(); len++) {
            runs[len] = code.countOfLength(len);
        }
        return runs;
    }
}
