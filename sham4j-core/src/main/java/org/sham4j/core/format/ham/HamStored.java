package org.sham4j.core.format.ham;

import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.sham4j.core.bits.BitCursor;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.BlockIndex;
import org.sham4j.core.format.ColumnKernel;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.HuffmanBlockedMatrix;
import org.sham4j.core.format.HuffmanCodebook;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PaperBounds;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.huffman.HuffmanDecoder;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** A matrix as a HAM: one codeword per entry in column order, with a block index for threads. */
final class HamStored extends HuffmanBlockedMatrix {
    private final HuffmanDecoder decoder;
    private final float[] values;
    private final long[] words;
    private final long bitLength;
    private final long nonZeros;

    private HamStored(int rows, int cols, HuffmanCodebook codebook, BlockIndex blocks, long[] words,
                      long bitLength, long nonZeros) {
        super(rows, cols, codebook, blocks);
        this.decoder = codebook.decoder();
        this.values = codebook.values();
        this.words = words;
        this.bitLength = bitLength;
        this.nonZeros = nonZeros;
    }

    static HamStored build(SparseMatrix m) {
        ValueAlphabet alphabet = ValueAlphabet.of(m.values(), m.nnz(), m.entries() - m.nnz());
        HuffmanCodebook cb = HuffmanCodebook.build(alphabet);
        int n = m.rows();
        int c = m.cols();
        long codedBits = cb.codedBits();
        int blockCount = BlockIndex.blocksFor(c, codedBits);
        long[] offsets = new long[blockCount];
        boolean hasZero = m.nnz() < m.entries();
        int zeroLen = hasZero ? cb.code().length(cb.rankOf(0f)) : 0;
        long zeroCode = hasZero ? cb.code().code(cb.rankOf(0f)) : 0;
        BitWriter w = new BitWriter(codedBits);
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        float[] v = m.values();
        int block = 1;
        for (int j = 0; j < c; j++) {
            if (block < blockCount && j == BlockIndex.startColumn(c, blockCount, block)) {
                offsets[block++] = w.bitLength();
            }
            int i = 0;
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                for (; i < ri[p]; i++) {
                    w.write(zeroCode, zeroLen);
                }
                int r = cb.rankOf(v[p]);
                w.write(cb.code().code(r), cb.code().length(r));
                i++;
            }
            for (; i < n; i++) {
                w.write(zeroCode, zeroLen);
            }
        }
        return new HamStored(n, c, cb, BlockIndex.of(c, new long[][] {offsets}), w.toWords(), w.bitLength(), m.nnz());
    }

    static HamStored read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        long bitLength = in.readBitLength(entries * 64, "codewords");
        HuffmanCodebook cb = HuffmanCodebook.read(in, entries);
        PayloadInput.check(cb.size() > 0 || entries == 0, "empty codebook for a non-empty matrix");
        BlockIndex blocks = BlockIndex.read(in, cols, new long[] {bitLength});
        long[] words = in.readBits(bitLength, "codewords");
        HamStored m = new HamStored(rows, cols, cb, blocks, words, bitLength, 0);
        long nnz = m.validate();
        return new HamStored(rows, cols, cb, blocks, words, bitLength, nnz);
    }

    /** Decodes every codeword, checking the stream and block offsets agree; returns the non-zero count. */
    private long validate() throws IOException {
        if (codebook.code().maxLength() == 0) {
            // One value, whose codeword has no bits: nothing to decode, whatever the shape.
            for (int b = 0; b < blocks.blocks(); b++) {
                PayloadInput.check(blocks.get(0, b) == 0, "block " + b + " starts at bit " + blocks.get(0, b)
                        + " of a stream of no bits");
            }
            PayloadInput.check(bitLength == 0, "a one-value code has no bits, the stream has " + bitLength);
            codebook.checkOptimal(new long[] {(long) rows * cols});
            blocks.checkBlockCount(0);
            return values.length == 1 && values[0] != 0f ? (long) rows * cols : 0;
        }
        long[] countOfRank = new long[values.length];
        // Every codeword has at least one bit and each step checks the stream has not ended: at most
        // bitLength + blocks steps, whatever the shape declares.
        long nnz = 0;
        for (int b = 0; b < blocks.blocks(); b++) {
            long pos = blocks.get(0, b);
            long end = b + 1 < blocks.blocks() ? blocks.get(0, b + 1) : bitLength;
            long count = (long) rows * (blocks.startColumn(b + 1) - blocks.startColumn(b));
            for (long t = 0; t < count; t++) {
                PayloadInput.check(pos <= bitLength, "codewords run past the end of the stream");
                int e = decoder.decode(Bits.peek(words, pos));
                pos += e & 63;
                countOfRank[e >>> 6]++;
                if (values[e >>> 6] != 0f) {
                    nnz++;
                }
            }
            PayloadInput.check(pos == end, "block " + b + " ends at bit " + pos + ", index says " + end);
        }
        codebook.checkOptimal(countOfRank);
        blocks.checkBlockCount(bitLength);
        return nnz;
    }

    @Override
    public long nonZeros() {
        return nonZeros;
    }

    @Override
    public MatrixFormat format() {
        return HamFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        BitCursor in = new BitCursor(words, 0);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                int e = decoder.decode(in.window());
                in.skip(e & 63);
                d.set(i, j, values[e >>> 6]);
            }
        }
        return d;
    }

    /**
     * Whether zero is codeword "0": then a run of zeros is a run of 0 bits, which one count of leading zeros
     * skips whole (a pruned layer is mostly such runs).
     */
    private boolean zeroIsOneBit() {
        return values.length > 1 && values[0] == 0f && codebook.code().length(0) == 1;
    }

    @Override
    protected void decodeColumns(ColumnSlices out) {
        BitCursor in = new BitCursor(words, 0);
        for (int j = 0; j < cols; j++) {
            int p = out.column(j);
            out.end(decodeColumn(in, out.rows(), out.values(), p));
        }
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = blocks.startColumn(block);
        int c1 = blocks.startColumn(block + 1);
        if (batch == 1 && sparseKernel()) {
            multiplySparse(xt, y, blocks.get(0, block), 0, c0, 0f, c1);
            return;
        }
        multiplyColumns(blocks.get(0, block), c0, c1, new int[rows], new float[rows], xt, batch, y);
    }

    /**
     * Columns {@code j .. end - 1}, from bit {@code pos} (column j's first codeword) on: each decoded into {@code r}
     * and {@code v} ({@link #decodeColumn}), then multiplied.
     */
    private void multiplyColumns(long pos, int j, int end, int[] r, float[] v, float[] xt, int batch, float[] y) {
        BitCursor in = new BitCursor(words, pos);
        int[] ptr = new int[2];
        for (; j < end; j++) {
            ptr[1] = decodeColumn(in, r, v, 0);
            ColumnKernel.multiply(ptr, 0, 1, 0, r, v, xt, batch, y, cols, j);
        }
    }

    /**
     * Whether one vector runs {@link #multiplySparse}: zero is codeword "0" (every other codeword starts with a
     * 1), and a row index plus two windows' entries stays an int.
     */
    private boolean sparseKernel() {
        return zeroIsOneBit() && rows <= Integer.MAX_VALUE - 128;
    }

    @Override
    protected void multiplyBlocks(float[] xt, int batch, float[] y, int first, int last) {
        int b = first;
        if (batch == 1 && sparseKernel()) {
            for (; b + 2 <= last; b += 2) {
                multiplyPair(xt, y, b);
            }
        } else if (!zeroIsOneBit()) {
            for (; b + 2 <= last; b += 2) {
                multiplyPairDense(xt, batch, y, b);
            }
        }
        super.multiplyBlocks(xt, batch, y, b, last);
    }

    /**
     * Blocks b and b + 1 where zero is not codeword "0" (few zeros): every column holds {@code rows} codewords, so
     * the two streams decode a column each in lockstep, one codeword of each a step, their non-zeros gathered as
     * {@link #decodeColumn} does; each pair of columns is then multiplied, and the longer block's last column alone.
     */
    private void multiplyPairDense(float[] xt, int batch, float[] y, int b) {
        final long[] words = this.words;
        final float[] values = this.values;
        final HuffmanDecoder dec = decoder;
        final int n = rows;
        long pa = blocks.get(0, b);
        long pb = blocks.get(0, b + 1);
        int ja = blocks.startColumn(b);
        int jb = blocks.startColumn(b + 1);
        int ea = jb;
        int eb = blocks.startColumn(b + 2);
        int[] ra = new int[n];
        float[] va = new float[n];
        int[] rb = new int[n];
        float[] vb = new float[n];
        int[] ptr = new int[2];
        for (; ja < ea && jb < eb; ja++, jb++) {
            int qa = 0;
            int qb = 0;
            // The two steps are written one after the other; the processor runs them side by side.
            for (int i = 0; i < n; i++) {
                int da = dec.decode(Bits.peek(words, pa));
                pa += da & 63;
                float xa = values[da >>> 6];
                ra[qa] = i;
                va[qa] = xa;
                qa += xa != 0f ? 1 : 0;

                int db = dec.decode(Bits.peek(words, pb));
                pb += db & 63;
                float xb = values[db >>> 6];
                rb[qb] = i;
                vb[qb] = xb;
                qb += xb != 0f ? 1 : 0;
            }
            ptr[1] = qa;
            ColumnKernel.multiply(ptr, 0, 1, 0, ra, va, xt, batch, y, cols, ja);
            ptr[1] = qb;
            ColumnKernel.multiply(ptr, 0, 1, 0, rb, vb, xt, batch, y, cols, jb);
        }
        if (ja < ea) {
            multiplyColumns(pa, ja, ea, ra, va, xt, batch, y);
        } else {
            multiplyColumns(pb, jb, eb, ra, va, xt, batch, y);
        }
    }

    /** The longest run of zeros a step takes before decoding the codeword after it from the same window. */
    private int zeroCap() {
        return 64 - codebook.code().maxLength();
    }

    /**
     * One vector over columns j .. end - 1 (where zero is codeword "0"), from bit {@code pos}, which is row i
     * of column j, whose sum so far is s: the columns read as one sequence of entries, each step taking the run
     * of zeros up to the next 1 with one count of leading zeros and decoding the codeword there from the same
     * window, with no branch on the pattern but one that skips windows of zeros whole (where runs are long, in
     * very sparse matrices). A run longer than the window leaves room for is taken but its last zero, which is
     * decoded as the codeword: its term is 0 (its input is taken as 0, so an infinite input where the matrix is
     * zero adds nothing), and each column's sum is its non-zeros' terms in row order.
     */
    private void multiplySparse(float[] xt, float[] y, long pos, int i, int j, float s, int end) {
        final long[] words = this.words;
        final float[] values = this.values;
        final HuffmanDecoder dec = decoder;
        final int n = rows;
        final int cap = zeroCap();
        while (j < end) {
            long w = Bits.peek(words, pos);
            while (w == 0 && i < n) {
                pos += 64;
                i += 64;
                w = Bits.peek(words, pos);
            }
            int c = Long.numberOfLeadingZeros(w);
            int z = c > cap ? c - 1 : c;
            i += z;
            while (i >= n) {
                y[j] = s;
                s = 0f;
                i -= n;
                if (++j == end) {
                    return;
                }
            }
            int e = dec.decode(w << z);
            pos += z + (e & 63);
            int r = e >>> 6;
            s += (r != 0 ? xt[i] : 0f) * values[r];
            i++;
        }
    }

    /**
     * Blocks b and b + 1 as {@link #multiplySparse} does each, their steps interleaved so that their dependency
     * chains (window, count, lookup, position) overlap; the one left when the other ends is finished alone.
     */
    private void multiplyPair(float[] xt, float[] y, int b) {
        final long[] words = this.words;
        final float[] values = this.values;
        final HuffmanDecoder dec = decoder;
        final int n = rows;
        final int cap = zeroCap();
        long pa = blocks.get(0, b);
        long pb = blocks.get(0, b + 1);
        int ja = blocks.startColumn(b);
        int jb = blocks.startColumn(b + 1);
        int ea = jb;
        int eb = blocks.startColumn(b + 2);
        int ia = 0;
        int ib = 0;
        float sa = 0f;
        float sb = 0f;
        // The two steps are written one after the other; the processor runs them side by side.
        pair:
        while (true) {
            long wa = Bits.peek(words, pa);
            while (wa == 0 && ia < n) {
                pa += 64;
                ia += 64;
                wa = Bits.peek(words, pa);
            }
            int ca = Long.numberOfLeadingZeros(wa);
            int za = ca > cap ? ca - 1 : ca;
            ia += za;
            while (ia >= n) {
                y[ja] = sa;
                sa = 0f;
                ia -= n;
                if (++ja == ea) {
                    break pair;
                }
            }
            int da = dec.decode(wa << za);
            pa += za + (da & 63);
            sa += ((da >>> 6) != 0 ? xt[ia] : 0f) * values[da >>> 6];
            ia++;

            long wb = Bits.peek(words, pb);
            while (wb == 0 && ib < n) {
                pb += 64;
                ib += 64;
                wb = Bits.peek(words, pb);
            }
            int cb = Long.numberOfLeadingZeros(wb);
            int zb = cb > cap ? cb - 1 : cb;
            ib += zb;
            while (ib >= n) {
                y[jb] = sb;
                sb = 0f;
                ib -= n;
                if (++jb == eb) {
                    break pair;
                }
            }
            int db = dec.decode(wb << zb);
            pb += zb + (db & 63);
            sb += ((db >>> 6) != 0 ? xt[ib] : 0f) * values[db >>> 6];
            ib++;
        }
        multiplySparse(xt, y, pa, ia, ja, sa, ea);
        multiplySparse(xt, y, pb, ib, jb, sb, eb);
    }

    /**
     * Decodes the column that starts at {@code in}'s position: its non-zeros' rows into {@code r} and values into
     * {@code v} from index {@code p} on, in row order; returns the index past the last. Where zero is codeword
     * "0", each step takes the run of zeros before the next codeword with one count of leading zeros, as
     * {@link #multiplySparse} does, and decodes that codeword from the same window.
     */
    private int decodeColumn(BitCursor in, int[] r, float[] v, int p) {
        final float[] values = this.values;
        final HuffmanDecoder dec = decoder;
        final int[] table = dec.table();
        final int tshift = dec.tableShift();
        final int n = rows;
        final boolean runs = zeroIsOneBit();
        final int cap = zeroCap();
        int i = 0;
        while (i < n) {
            long w = in.window();
            int z = 0;
            if (runs) {
                while (w == 0 && n - i > 64) {
                    // A window of zeros inside the column (very sparse matrices) skipped whole.
                    in.skip(64);
                    i += 64;
                    w = in.window();
                }
                int c = Long.numberOfLeadingZeros(w);
                z = c > cap ? c - 1 : c;
                if (z >= n - i) {
                    // The column ends in this run of zeros.
                    in.skip(n - i);
                    break;
                }
                w <<= z;
            }
            int e = table[(int) ((w >>> 1) >>> tshift)];
            if (e < 0) {
                e = dec.decodeLong(w);
            }
            in.skip(z + (e & 63));
            i += z;
            float value = values[e >>> 6];
            // Written whatever the value, kept only if not zero: no branch on the pattern.
            r[p] = i;
            v[p] = value;
            p += value != 0f ? 1 : 0;
            i++;
        }
        return p;
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(bitLength);
        codebook.write(out);
        blocks.write(out);
        out.part(SizeBreakdown.PAYLOAD);
        out.writeBits(words, bitLength);
    }

    @Override
    public OptionalDouble upperBoundBits() {
        return OptionalDouble.of(PaperBounds.ham(rows, cols, codebook.size()));
    }

    /**
     * The single-vector kernel as it runs: the stream read once; where zero is codeword "0" ({@link
     * #multiplySparse}), one lookup and codebook read per step (each non-zero, and the zero ending a run longer
     * than a window leaves room for); otherwise ({@link #multiplyPairDense}) every codeword looked up and its value
     * read from the codebook; x read, multiplied and added for the non-zeros (a zero's term, 0, counts as no
     * arithmetic).
     */
    @Override
    public OperationCounts productCounts() {
        ProductCounts c = new ProductCounts(rows, cols).stream("codewords", bitLength);
        if (!sparseKernel()) {
            long entries = (long) rows * cols;
            decoder.countLookups("decode table", decoder.lengthHistogram(words, 0, entries), c.counts());
            return c.words("codebook", values.length, entries).columnSums(nonZeros).build();
        }
        long[] lengths = new long[codebook.code().maxLength() + 1];
        for (int b = 0; b < blocks.blocks(); b++) {
            countSteps(blocks.get(0, b), blocks.startColumn(b + 1) - blocks.startColumn(b), lengths);
        }
        long steps = Arrays.stream(lengths).sum();
        decoder.countLookups("decode table", lengths, c.counts());
        return c.words("codebook", values.length, steps).columnSums(nonZeros).build();
    }

    /** Adds the length of each codeword that {@link #multiplySparse} decodes over {@code columns} from {@code pos}. */
    private void countSteps(long pos, int columns, long[] lengths) {
        final int n = rows;
        final int cap = zeroCap();
        int i = 0;
        int j = 0;
        while (true) {
            long w = Bits.peek(words, pos);
            while (w == 0 && i < n) {
                pos += 64;
                i += 64;
                w = Bits.peek(words, pos);
            }
            int c = Long.numberOfLeadingZeros(w);
            int z = c > cap ? c - 1 : c;
            i += z;
            j += i / n;
            i %= n;
            if (j >= columns) {
                return;
            }
            int e = decoder.decode(w << z);
            pos += z + (e & 63);
            lengths[e & 63]++;
            i++;
        }
    }
}
