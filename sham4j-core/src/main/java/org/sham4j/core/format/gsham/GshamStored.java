package org.sham4j.core.format.gsham;

import java.io.IOException;
import org.sham4j.core.bits.BitCursor;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.bits.PackedInts;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.BlockIndex;
import org.sham4j.core.format.ColumnChunk;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.HuffmanBlockedMatrix;
import org.sham4j.core.format.HuffmanCodebook;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.huffman.HuffmanCode;
import org.sham4j.core.huffman.HuffmanDecoder;
import org.sham4j.core.huffman.HuffmanLengths;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A matrix in gap-coded sHAM: one bit stream holding, for each non-zero in column order, the codeword of its
 * gap symbol, the gap's raw bits and the codeword of its value. The block index records for each block of
 * columns its bit offset, the non-zeros before it and the position of the last of them (plus one).
 */
final class GshamStored extends HuffmanBlockedMatrix {
    private static final int MAX_MANTISSA_BITS = 14;
    private static final int F_OFFSET = 0;
    private static final int F_BEFORE = 1;
    private static final int F_PREV = 2;

    private final int nnz;
    private final GapCode gapCode;
    private final HuffmanCode gapHuffman;
    private final HuffmanDecoder gapDecoder;
    private final PackedInts gapSymbols;
    /** Per gap rank: its gap when its raw bits are 0, and how many raw bits follow it. */
    private final long[] gapBase;
    private final int[] gapExtra;
    private final HuffmanDecoder valueDecoder;
    private final float[] values;
    private final long[] words;
    private final long bitLength;
    /**
     * Per {@value #ENTRY_BITS}-bit prefix of the stream where a whole non-zero (gap codeword, raw bits, value
     * codeword) lies inside it: (gap + 1) &lt;&lt; 32 | value rank &lt;&lt; 8 | bits taken; else 0.
     */
    private final long[] entries;

    private GshamStored(int rows, int cols, int nnz, GapCode gapCode, HuffmanCode gapHuffman, PackedInts gapSymbols,
                        HuffmanCodebook codebook, BlockIndex blocks, long[] words, long bitLength) {
        super(rows, cols, codebook, blocks);
        this.nnz = nnz;
        this.gapCode = gapCode;
        this.gapHuffman = gapHuffman;
        this.gapDecoder = gapHuffman.decoder();
        this.gapSymbols = gapSymbols;
        this.gapBase = new long[gapSymbols.size()];
        this.gapExtra = new int[gapSymbols.size()];
        for (int r = 0; r < gapBase.length; r++) {
            gapExtra[r] = gapCode.extraBits(gapSymbols.get(r));
            gapBase[r] = gapCode.gap(gapSymbols.get(r), 0);
        }
        this.valueDecoder = codebook.decoder();
        this.values = codebook.values();
        this.words = words;
        this.bitLength = bitLength;
        this.entries = entryTable();
    }

    /** Stream bits an entry of the one-lookup table covers: 2^11 entries of 8 bytes stay in the L1 cache. */
    private static final int ENTRY_BITS = 11;

    /**
     * The table that decodes a whole non-zero in one lookup where it takes at most {@value #ENTRY_BITS} bits; built
     * from the primary tables of the two decoders, which hold every codeword that short.
     */
    private long[] entryTable() {
        long[] t = new long[1 << ENTRY_BITS];
        int[] gapTable = gapDecoder.table();
        int[] valueTable = valueDecoder.table();
        for (int i = 0; i < t.length && values.length > 0 && gapBase.length > 0; i++) {
            long w = (long) i << (64 - ENTRY_BITS);
            int e = gapTable[(int) ((w >>> 1) >>> gapDecoder.tableShift())];
            if (e < 0 || (e & 63) + gapExtra[e >>> 6] > ENTRY_BITS) {
                continue;
            }
            int extra = gapExtra[e >>> 6];
            long gap = gapBase[e >>> 6] + (extra == 0 ? 0 : (w << (e & 63)) >>> (64 - extra));
            int used = (e & 63) + extra;
            int v = valueTable[(int) (((w << used) >>> 1) >>> valueDecoder.tableShift())];
            if (v >= 0 && used + (v & 63) <= ENTRY_BITS && gap + 1 < 1L << 31 && v >>> 6 < 1 << 23) {
                t[i] = (gap + 1) << 32 | (long) (v >>> 6) << 8 | (used + (v & 63));
            }
        }
        return t;
    }

    static GshamStored build(SparseMatrix m) {
        int n = m.rows();
        int c = m.cols();
        int nnz = m.nnz();
        long[][] histogram = histogram(m);
        GapCode gapCode = bestCode(histogram);
        long bestBits = gapCost(gapCode, histogram);
        long[] symCount = new long[gapCode.alphabetSize()];
        for (int i = 0; i < histogram[0].length; i++) {
            symCount[gapCode.symbol(histogram[0][i])] += histogram[1][i];
        }
        int[] used = usedSymbols(symCount);
        long[] usedCount = new long[used.length];
        int[] usedIndex = new int[symCount.length];
        for (int u = 0; u < used.length; u++) {
            usedCount[u] = symCount[used[u]];
            usedIndex[used[u]] = u;
        }
        HuffmanCode.Built gapBuilt = HuffmanCode.optimal(usedCount);
        HuffmanCode gh = gapBuilt.code();
        int[] symbolOfRank = new int[used.length];
        for (int r = 0; r < used.length; r++) {
            symbolOfRank[r] = used[gapBuilt.symbolAt(r)];
        }
        HuffmanCodebook cb = HuffmanCodebook.build(ValueAlphabet.of(m.values(), nnz, 0));

        int blockCount = BlockIndex.blocksFor(c, bestBits + cb.codedBits());
        long[][] fields = new long[3][blockCount];
        BitWriter w = new BitWriter(bestBits + cb.codedBits());
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        float[] v = m.values();
        int block = 1;
        long prev = -1;
        for (int j = 0; j < c; j++) {
            if (block < blockCount && j == BlockIndex.startColumn(c, blockCount, block)) {
                fields[F_OFFSET][block] = w.bitLength();
                fields[F_BEFORE][block] = ptr[j];
                fields[F_PREV][block] = prev + 1;
                block++;
            }
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                long g = (long) j * n + ri[p] - prev - 1;
                int sym = gapCode.symbol(g);
                int r = gapBuilt.rankOf(usedIndex[sym]);
                w.write(gh.code(r), gh.length(r));
                w.write(gapCode.extraValue(g), gapCode.extraBits(sym));
                int vr = cb.rankOf(v[p]);
                w.write(cb.code().code(vr), cb.code().length(vr));
                prev += g + 1;
            }
        }
        long maxSym = 0;
        for (int s : symbolOfRank) {
            maxSym = Math.max(maxSym, s);
        }
        return new GshamStored(n, c, nnz, gapCode, gh, PackedInts.pack(symbolOfRank, 0, symbolOfRank.length, maxSym),
                cb, BlockIndex.of(c, fields), w.toWords(), w.bitLength());
    }

    /** How often each gap occurs before a non-zero in column-major position order (the first from -1). */
    private static long[][] histogram(SparseMatrix m) {
        GapHistogram histogram = new GapHistogram();
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        long prev = -1;
        for (int j = 0; j < m.cols(); j++) {
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                long pos = (long) j * m.rows() + ri[p];
                histogram.add(pos - prev - 1);
                prev = pos;
            }
        }
        return histogram.result();
    }

    private static int[] usedSymbols(long[] counts) {
        int k = 0;
        for (long c : counts) {
            if (c > 0) {
                k++;
            }
        }
        int[] used = new int[k];
        k = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                used[k++] = s;
            }
        }
        return used;
    }

    /** The gap code of fewest bits for these gaps (the fewest mantissa bits of equals). */
    private static GapCode bestCode(long[][] histogram) {
        GapCode best = null;
        long bestBits = Long.MAX_VALUE;
        for (int s = 0; s <= MAX_MANTISSA_BITS; s++) {
            GapCode code = new GapCode(s);
            long bits = gapCost(code, histogram);
            if (bits < bestBits) {
                bestBits = bits;
                best = code;
            }
        }
        return best;
    }

    /**
     * The symbols {@code code} gives the distinct ascending gaps of a histogram, ascending (equal symbols are
     * neighbours, since a gap's symbol grows with it), and how often each occurs.
     */
    private static long[][] symbolCounts(GapCode code, long[][] histogram) {
        long[] gaps = histogram[0];
        long[] symbols = new long[gaps.length];
        long[] counts = new long[gaps.length];
        int used = 0;
        for (int i = 0; i < gaps.length; i++) {
            int sym = code.symbol(gaps[i]);
            if (used == 0 || symbols[used - 1] != sym) {
                symbols[used++] = sym;
            }
            counts[used - 1] += histogram[1][i];
        }
        return new long[][] {java.util.Arrays.copyOf(symbols, used), java.util.Arrays.copyOf(counts, used)};
    }

    /** Bits of the gap codewords, raw bits and gap code table under {@code code}. */
    private static long gapCost(GapCode code, long[][] histogram) {
        long extra = 0;
        for (int i = 0; i < histogram[0].length; i++) {
            extra += histogram[1][i] * code.extraBits(code.symbol(histogram[0][i]));
        }
        long[][] used = symbolCounts(code, histogram);
        int[] lengths = HuffmanLengths.compute(used[1]);
        long bits = extra;
        int maxLen = 0;
        for (int u = 0; u < lengths.length; u++) {
            bits += used[1][u] * lengths[u];
            maxLen = Math.max(maxLen, lengths[u]);
        }
        int symWidth = Bits.widthFor(used[0].length == 0 ? 0 : used[0][used[0].length - 1]);
        return bits + (long) used[0].length * symWidth + 8L * (maxLen + 2);
    }

    static GshamStored read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        int nnz = in.readCount("non-zero count", entries);
        long bitLength = in.readBitLength((long) nnz * 128, "stream");
        int s = in.readByte();
        PayloadInput.check(s <= MAX_MANTISSA_BITS, "gap mantissa bits " + s + " out of range");
        GapCode gapCode = new GapCode(s);
        HuffmanCode gh = HuffmanCode.read(in, Math.min(gapCode.alphabetSize(), nnz));
        int symWidth = in.readByte();
        PayloadInput.check(symWidth <= 31, "gap symbol width " + symWidth);
        PackedInts gapSymbols = PackedInts.wrap(symWidth, gh.symbols(),
                in.readBits((long) gh.symbols() * symWidth, "gap symbols"));
        for (int r = 0; r < gh.symbols(); r++) {
            PayloadInput.check(gapSymbols.get(r) < gapCode.alphabetSize(), "gap symbol out of range");
        }
        HuffmanCodebook cb = HuffmanCodebook.read(in, nnz);
        PayloadInput.check((gh.symbols() > 0 && cb.size() > 0) || nnz == 0, "empty code table with non-zeros");
        cb.checkNonZeros();
        BlockIndex blocks = BlockIndex.read(in, cols, new long[] {bitLength, nnz, entries});
        long[] words = in.readBits(bitLength, "stream");
        GshamStored m = new GshamStored(rows, cols, nnz, gapCode, gh, gapSymbols, cb, blocks, words, bitLength);
        m.validate();
        return m;
    }

    /** Visits the non-zeros of one block in order. */
    @FunctionalInterface
    private interface EntryVisitor {
        void visit(long position, int valueRank);
    }

    /** Decodes block {@code b}, giving each non-zero's position and value rank; returns the end bit. */
    private long decodeBlock(int b, EntryVisitor visitor) {
        long pos = blocks.get(F_OFFSET, b);
        long prev = blocks.get(F_PREV, b) - 1;
        long count = (b + 1 < blocks.blocks() ? blocks.get(F_BEFORE, b + 1) : nnz) - blocks.get(F_BEFORE, b);
        for (long t = 0; t < count && pos <= bitLength; t++) {
            int e = gapDecoder.decode(Bits.peek(words, pos));
            pos += e & 63;
            int extraBits = gapExtra[e >>> 6];
            if (pos > bitLength) {
                break;
            }
            long extra = extraBits == 0 ? 0 : Bits.read(words, pos, extraBits);
            pos += extraBits;
            if (pos > bitLength) {
                break;
            }
            prev += gapBase[e >>> 6] + extra + 1;
            int ve = valueDecoder.decode(Bits.peek(words, pos));
            pos += ve & 63;
            visitor.visit(prev, ve >>> 6);
        }
        return pos;
    }

    private void validate() throws IOException {
        long entries = (long) rows * cols;
        long[] last = {-1};
        boolean[] ok = {true};
        boolean noBits = entriesCostNoBits();
        // Each non-zero takes at least one bit unless none does: check before sizing anything by nnz.
        PayloadInput.check(noBits || nnz <= bitLength, nnz + " non-zeros in a stream of " + bitLength + " bits");
        GapHistogram gaps = new GapHistogram();
        long[] seen = {0};
        long[] countOfRank = new long[values.length];
        for (int b = 0; b < blocks.blocks(); b++) {
            long from = (long) blocks.startColumn(b) * rows;
            long to = (long) blocks.startColumn(b + 1) * rows;
            PayloadInput.check(blocks.get(F_PREV, b) - 1 == last[0], "block " + b + " does not continue the stream");
            long end;
            if (entriesCostNoBits()) {
                // One gap of no raw bits and one value, both of empty codewords: the positions follow in closed
                // form, and decoding them one by one would take work the bytes present do not bound.
                long count = (b + 1 < blocks.blocks() ? blocks.get(F_BEFORE, b + 1) : nnz) - blocks.get(F_BEFORE, b);
                long step = gapBase[0] + 1;
                if (count > 0) {
                    long first = blocks.get(F_PREV, b) - 1 + step;
                    long lastPosition = first + (count - 1) * step;
                    ok[0] &= first > last[0] && first >= from && lastPosition < to && lastPosition < entries;
                    last[0] = lastPosition;
                }
                end = blocks.get(F_OFFSET, b);
            } else {
                // Every entry has at least one bit and decoding stops at the end of the stream.
                end = decodeBlock(b, (position, rank) -> {
                    ok[0] &= position > last[0] && position >= from && position < to && position < entries;
                    if (position > last[0] && seen[0]++ < nnz) {
                        gaps.add(position - last[0] - 1);
                    }
                    countOfRank[rank]++;
                    last[0] = position;
                });
            }
            PayloadInput.check(ok[0], "non-zero position out of its block in block " + b);
            long expected = b + 1 < blocks.blocks() ? blocks.get(F_OFFSET, b + 1) : bitLength;
            PayloadInput.check(end == expected, "block " + b + " ends at bit " + end + ", index says " + expected);
        }
        if (noBits) {
            checkCanonical(new long[][] {{gapBase[0]}, {nnz}}, new long[] {nnz});
        } else {
            checkCanonical(gaps.result(), countOfRank);
        }
    }

    /**
     * Refuses what the writer would not have written for these gaps and value counts: another gap code, a gap
     * code table or value code other than the optimal ones, another symbol width or block count.
     */
    private void checkCanonical(long[][] histogram, long[] countOfRank) throws IOException {
        GapCode best = bestCode(histogram);
        PayloadInput.check(best.mantissaBits() == gapCode.mantissaBits(), "gap mantissa bits "
                + gapCode.mantissaBits() + ", the fewest bits take " + best.mantissaBits());
        long[][] used = symbolCounts(gapCode, histogram);
        HuffmanCode.Built built;
        try {
            built = HuffmanCode.optimal(used[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("gap code: " + e.getMessage());
        }
        PayloadInput.check(gapHuffman.symbols() == used[0].length, "the gap code table has unused symbols");
        for (int r = 0; r < used[0].length; r++) {
            PayloadInput.check(gapSymbols.get(r) == used[0][built.symbolAt(r)]
                    && gapHuffman.length(r) == built.code().length(r), "the gap code is not the optimal one");
        }
        PayloadInput.check(gapSymbols.width() == Bits.widthFor(used[0].length == 0 ? 0 : used[0][used[0].length - 1]),
                "gap symbol width " + gapSymbols.width() + " is not the fewest bits");
        codebook.checkOptimal(countOfRank);
        long valueBits = 0;
        for (int r = 0; r < countOfRank.length; r++) {
            valueBits += countOfRank[r] * codebook.code().length(r);
        }
        blocks.checkBlockCount(gapCost(gapCode, histogram) + valueBits);
    }

    /** Whether every non-zero costs no bits: one gap symbol without raw bits and one value. */
    private boolean entriesCostNoBits() {
        return gapHuffman.maxLength() == 0 && gapExtra.length == 1 && gapExtra[0] == 0
                && codebook.code().maxLength() == 0;
    }

    @Override
    public long nonZeros() {
        return nnz;
    }

    @Override
    public MatrixFormat format() {
        return GshamFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        for (int b = 0; b < blocks.blocks(); b++) {
            decodeBlock(b, (position, rank) ->
                    d.set((int) (position % rows), (int) (position / rows), values[rank]));
        }
        return d;
    }

    /**
     * The stream decoded front to back: a whole non-zero per lookup where it fits {@value #ENTRY_BITS} bits (as
     * {@link #multiplyPair} decodes), else codeword by codeword.
     */
    @Override
    protected void decodeColumns(ColumnSlices out) {
        if (nnz == 0) {
            return;
        }
        final int n = rows;
        final float[] values = this.values;
        final long[] words = this.words;
        final long[] entries = this.entries;
        long bit = 0;
        long position = -1;
        long colStart = 0;
        int p = out.column(0);
        int[] r = out.rows();
        float[] v = out.values();
        for (long t = 0; t < nnz; t++) {
            long e = entries[(int) (Bits.peek(words, bit) >>> (64 - ENTRY_BITS))];
            int rank;
            if (e != 0) {
                bit += e & 255;
                position += e >>> 32;
                rank = (int) e >>> 8;
            } else {
                int g = gapDecoder.decode(Bits.peek(words, bit));
                int extra = gapExtra[g >>> 6];
                long gap = gapBase[g >>> 6] + (extra == 0 ? 0 : Bits.read(words, bit + (g & 63), extra));
                bit += (g & 63) + extra;
                int ve = valueDecoder.decode(Bits.peek(words, bit));
                bit += ve & 63;
                rank = ve >>> 6;
                position += gap + 1;
            }
            if (position >= colStart + n) {
                out.end(p);
                int col = (int) (position / n);
                colStart = (long) col * n;
                p = out.column(col);
                r = out.rows();
                v = out.values();
            }
            r[p] = (int) (position - colStart);
            v[p++] = values[rank];
        }
        out.end(p);
    }

    /** One vector: blocks two at a time, their streams decoded in one loop, so that their dependency chains overlap. */
    @Override
    protected void multiplyBlocks(float[] xt, int batch, float[] y, int first, int last) {
        int b = first;
        // A pair's entries hold a gap below 2^31 and a value rank below 2^23.
        boolean pairs = batch == 1 && (long) rows * cols < 1L << 31 && values.length < 1 << 23;
        for (; pairs && b + 2 <= last; b += 2) {
            multiplyPair(xt, y, b);
        }
        super.multiplyBlocks(xt, batch, y, b, last);
    }

    /** Non-zeros of block b. */
    private long countIn(int b) {
        return (b + 1 < blocks.blocks() ? blocks.get(F_BEFORE, b + 1) : nnz) - blocks.get(F_BEFORE, b);
    }

    /**
     * Blocks b and b + 1 for one vector, as {@link #multiplyBlock} computes them: the two streams' non-zeros
     * decoded side by side until one block ends, then the other's alone. Each stream keeps four values (its bit
     * position, the row of its last non-zero counted from its column, the column, the sum), so that both fit in
     * registers.
     */
    private void multiplyPair(float[] xt, float[] y, int b) {
        final int n = rows;
        final long[] words = this.words;
        final float[] values = this.values;
        final long[] entries = this.entries;
        long leftA = countIn(b);
        long leftB = countIn(b + 1);
        long bitA = blocks.get(F_OFFSET, b);
        long bitB = blocks.get(F_OFFSET, b + 1);
        int colA = blocks.startColumn(b);
        int colB = blocks.startColumn(b + 1);
        final int endA = colB;
        final int endB = blocks.startColumn(b + 2);
        // The non-zero before each block, as a row of the block's first column (negative: an earlier column).
        long rowA = blocks.get(F_PREV, b) - 1 - (long) colA * n;
        long rowB = blocks.get(F_PREV, b + 1) - 1 - (long) colB * n;
        float sumA = 0f;
        float sumB = 0f;
        long common = Math.min(leftA, leftB);
        for (long t = 0; t < common; t++) {
            long e = entries[(int) (Bits.peek(words, bitA) >>> (64 - ENTRY_BITS))];
            if (e == 0) {
                e = slowEntry(bitA);
            }
            bitA += e & 255;
            rowA += e >>> 32;
            while (rowA >= n) {
                y[colA++] = sumA;
                sumA = 0f;
                rowA -= n;
            }
            sumA += values[(int) e >>> 8] * xt[(int) rowA];
            e = entries[(int) (Bits.peek(words, bitB) >>> (64 - ENTRY_BITS))];
            if (e == 0) {
                e = slowEntry(bitB);
            }
            bitB += e & 255;
            rowB += e >>> 32;
            while (rowB >= n) {
                y[colB++] = sumB;
                sumB = 0f;
                rowB -= n;
            }
            sumB += values[(int) e >>> 8] * xt[(int) rowB];
        }
        finishOne(xt, y, bitA, leftA - common, rowA, colA, sumA, endA);
        finishOne(xt, y, bitB, leftB - common, rowB, colB, sumB, endB);
    }

    /** The rest of one block of {@link #multiplyPair}, from its decoding state, through column {@code end} - 1. */
    private void finishOne(float[] xt, float[] y, long bit, long left, long row, int col, float sum, int end) {
        final int n = rows;
        for (; left > 0; left--) {
            long e = entries[(int) (Bits.peek(words, bit) >>> (64 - ENTRY_BITS))];
            if (e == 0) {
                e = slowEntry(bit);
            }
            bit += e & 255;
            row += e >>> 32;
            while (row >= n) {
                y[col++] = sum;
                sum = 0f;
                row -= n;
            }
            sum += values[(int) e >>> 8] * xt[(int) row];
        }
        for (; col < end; col++) {
            y[col] = sum;
            sum = 0f;
        }
    }

    /**
     * The non-zero at bit {@code bit}, decoded codeword by codeword, as an entry of {@link #entries}: (gap + 1)
     * &lt;&lt; 32 | value rank &lt;&lt; 8 | bits taken (at most 56 + 31 + 56).
     */
    private long slowEntry(long bit) {
        int e = gapDecoder.decode(Bits.peek(words, bit));
        int extra = gapExtra[e >>> 6];
        long gap = gapBase[e >>> 6] + (extra == 0 ? 0 : Bits.read(words, bit + (e & 63), extra));
        int used = (e & 63) + extra;
        int v = valueDecoder.decode(Bits.peek(words, bit + used));
        return (gap + 1) << 32 | (long) (v >>> 6) << 8 | (used + (v & 63));
    }

    /**
     * The product on block {@code block}: decodes each non-zero's gap and value once; one vector's column sum is
     * kept in a register, a batch's columns are gathered and multiplied a run at a time ({@link ColumnChunk}).
     */
    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        final int n = rows;
        final int c1 = blocks.startColumn(block + 1);
        final float[] values = this.values;
        final long[] gapBase = this.gapBase;
        final int[] gapExtra = this.gapExtra;
        final int[] gapTable = gapDecoder.table();
        final int gapShift = gapDecoder.tableShift();
        final int[] valueTable = valueDecoder.table();
        final int valueShift = valueDecoder.tableShift();
        long count = (block + 1 < blocks.blocks() ? blocks.get(F_BEFORE, block + 1) : nnz)
                - blocks.get(F_BEFORE, block);
        BitCursor in = new BitCursor(words, blocks.get(F_OFFSET, block));
        int col = blocks.startColumn(block);
        long colStart = (long) col * n;
        long position = blocks.get(F_PREV, block) - 1;
        ColumnChunk chunk = batch == 1 ? null : new ColumnChunk(xt, batch, y, cols, col);
        float sum = 0f;
        final long[] entries = this.entries;
        for (long t = 0; t < count; t++) {
            long w = in.window();
            long whole = entries[(int) (w >>> (64 - ENTRY_BITS))];
            int valueRank;
            if (whole != 0) {
                in.skip((int) whole & 255);
                position += whole >>> 32;
                valueRank = (int) whole >>> 8;
            } else {
                int e = gapTable[(int) ((w >>> 1) >>> gapShift)];
                if (e < 0) {
                    e = gapDecoder.decodeLong(w);
                }
                in.skip(e & 63);
                int rank = e >>> 6;
                int extraBits = gapExtra[rank];
                long gap = gapBase[rank];
                if (extraBits != 0) {
                    gap += in.window() >>> (64 - extraBits);
                    in.skip(extraBits);
                }
                position += gap + 1;
                w = in.window();
                int v = valueTable[(int) ((w >>> 1) >>> valueShift)];
                if (v < 0) {
                    v = valueDecoder.decodeLong(w);
                }
                in.skip(v & 63);
                valueRank = v >>> 6;
            }
            while (position >= colStart + n) {
                if (chunk == null) {
                    y[col] = sum;
                    sum = 0f;
                } else {
                    chunk.endColumn();
                }
                col++;
                colStart += n;
            }
            int row = (int) (position - colStart);
            if (chunk == null) {
                sum += values[valueRank] * xt[row];
            } else {
                chunk.add(row, values[valueRank]);
            }
        }
        for (; col < c1; col++) {
            if (chunk == null) {
                y[col] = sum;
                sum = 0f;
            } else {
                chunk.endColumn();
            }
        }
        if (chunk != null) {
            chunk.flush();
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(nnz);
        out.writeVarLong(bitLength);
        out.writeByte(gapCode.mantissaBits());
        out.part(SizeBreakdown.CODE_TABLES);
        gapHuffman.write(out);
        out.writeByte(gapSymbols.width());
        out.writeBytes(gapSymbols.bytes(), gapSymbols.byteLength());
        codebook.write(out);
        blocks.write(out);
        out.part(SizeBreakdown.PAYLOAD);
        out.writeBits(words, bitLength);
    }

    /**
     * The single-vector kernel as it runs ({@link #multiplyPair}, {@link #multiplyBlock}): the stream read once;
     * per non-zero one lookup in the {@value #ENTRY_BITS}-bit entry table, which resolves gap, raw bits and value
     * at once where they fit; for the others the three-lookup chain (gap lookup, its raw-bit count and 64-bit
     * base, the raw bits from the stream's words, value lookup); then the codebook, x and the column sums.
     */
    @Override
    public OperationCounts productCounts() {
        long[] gapLengths = new long[gapHuffman.maxLength() + 1];
        long[] valueLengths = new long[codebook.code().maxLength() + 1];
        long slow = 0;
        long pos = 0;
        for (long t = 0; t < nnz; t++) {
            long whole = entries[(int) (Bits.peek(words, pos) >>> (64 - ENTRY_BITS))];
            if (whole != 0) {
                pos += whole & 255;
                continue;
            }
            slow++;
            int e = gapDecoder.decode(Bits.peek(words, pos));
            gapLengths[e & 63]++;
            pos += (e & 63) + gapExtra[e >>> 6];
            int v = valueDecoder.decode(Bits.peek(words, pos));
            valueLengths[v & 63]++;
            pos += v & 63;
        }
        ProductCounts c = new ProductCounts(rows, cols).stream("codewords", bitLength);
        c.counts().access("entry table", 8L * entries.length, 64, nnz);
        gapDecoder.countLookups("gap decode table", gapLengths, c.counts());
        c.words("gap raw bits", gapExtra.length, slow);
        c.counts().access("gap bases", 8L * gapBase.length, 64, slow);
        valueDecoder.countLookups("decode table", valueLengths, c.counts());
        return c.words("codebook", values.length, nnz).columnSums(nnz).build();
    }
}
