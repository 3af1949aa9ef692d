package org.sham4j.core.format.sham;

import java.io.IOException;
import java.util.OptionalDouble;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.bits.ByteBits;
import org.sham4j.core.bits.PackedInts;
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
import org.sham4j.core.huffman.HuffmanCode;
import org.sham4j.core.huffman.HuffmanDecoder;
import org.sham4j.core.huffman.HuffmanRuns;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A matrix as an sHAM. Column pointers and row indices are packed apart, at the fewest bits that hold them.
 * The codewords of the non-zeros go to {@value #LANES} lanes: within a block, the non-zero at position q
 * (counted from the block's first, in column order) goes to lane q mod {@value #LANES}. Each lane is one bit
 * stream over all blocks, stored one after the other, and the block index records where each block starts
 * in each lane, so that a kernel decodes the lanes of a block at once and their dependency chains overlap.
 */
final class ShamStored extends HuffmanBlockedMatrix {
    /** Codeword streams decoded side by side. */
    static final int LANES = 4;
    /** Non-zeros decoded ahead of a product, in whole columns: the buffers stay in L1. */
    private static final int CHUNK = 1024;

    private final HuffmanDecoder decoder;
    private final HuffmanRuns runs;
    private final PackedInts colPtr;
    private final PackedInts rowIdx;
    /** The row indices as 16-bit values for the single-vector kernel, when rows &lt;= 65,536; else null. */
    private final char[] narrowRows;
    /** Start of lane l in {@link #bits} (l &lt;= LANES; the last is the total length). */
    private final long[] laneStart;
    /** The lanes' codewords, MSB first, with {@link ByteBits#SPARE} spare bytes: one load a window. */
    private final byte[] bits;

    private ShamStored(int rows, int cols, HuffmanCodebook codebook, PackedInts colPtr, PackedInts rowIdx,
                       BlockIndex blocks, long[] laneStart, byte[] bits) {
        super(rows, cols, codebook, blocks);
        this.decoder = codebook.decoder();
        this.runs = new HuffmanRuns(decoder, codebook.values());
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.narrowRows = rows <= 1 << 16 ? narrow(rowIdx) : null;
        this.laneStart = laneStart;
        this.bits = bits;
    }

    static ShamStored build(SparseMatrix m) {
        int nnz = m.nnz();
        int c = m.cols();
        HuffmanCodebook cb = HuffmanCodebook.build(ValueAlphabet.of(m.values(), nnz, 0));
        int rowWidth = Bits.widthFor(Math.max(0, m.rows() - 1));
        int blockCount = BlockIndex.blocksFor(c, cb.codedBits() + (long) nnz * rowWidth);
        long[][] offsets = new long[LANES][blockCount];
        BitWriter[] lanes = new BitWriter[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = new BitWriter(cb.codedBits() / LANES + 64);
        }
        int[] ptr = m.colPtr();
        float[] v = m.values();
        for (int b = 0; b < blockCount; b++) {
            int p0 = ptr[BlockIndex.startColumn(c, blockCount, b)];
            int p1 = ptr[BlockIndex.startColumn(c, blockCount, b + 1)];
            for (int l = 0; l < LANES; l++) {
                offsets[l][b] = lanes[l].bitLength();
            }
            for (int p = p0; p < p1; p++) {
                int r = cb.rankOf(v[p]);
                lanes[(p - p0) % LANES].write(cb.code().code(r), cb.code().length(r));
            }
        }
        long[] laneStart = new long[LANES + 1];
        BitWriter all = new BitWriter(cb.codedBits());
        for (int l = 0; l < LANES; l++) {
            all.append(lanes[l].toWords(), lanes[l].bitLength());
            laneStart[l + 1] = all.bitLength();
        }
        return new ShamStored(m.rows(), c, cb, PackedInts.pack(ptr, 0, c + 1, nnz),
                PackedInts.pack(m.rowIdx(), 0, nnz, Math.max(0, m.rows() - 1)), BlockIndex.of(c, offsets),
                laneStart, ByteBits.fromWords(all.toWords(), all.bitLength()));
    }

    static ShamStored read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        int nnz = in.readCount("non-zero count", entries);
        long[] laneStart = new long[LANES + 1];
        long[] laneBits = new long[LANES];
        for (int l = 0; l < LANES; l++) {
            laneBits[l] = in.readBitLength((long) nnz * HuffmanCode.MAX_LENGTH, "lane " + l);
            laneStart[l + 1] = laneStart[l] + laneBits[l];
        }
        HuffmanCodebook cb = HuffmanCodebook.read(in, nnz);
        PayloadInput.check(cb.size() > 0 || nnz == 0, "empty codebook with non-zeros");
        cb.checkNonZeros();
        BlockIndex blocks = BlockIndex.read(in, cols, laneBits);
        int ptrWidth = Bits.widthFor(nnz);
        PackedInts colPtr = PackedInts.wrap(ptrWidth, cols + 1,
                in.readBits((long) (cols + 1) * ptrWidth, "column pointers"));
        int rowWidth = Bits.widthFor(Math.max(0, rows - 1));
        PackedInts rowIdx = PackedInts.wrap(rowWidth, nnz, in.readBits((long) nnz * rowWidth, "row indices"));
        byte[] bits = ByteBits.fromWords(in.readBits(laneStart[LANES], "codewords"), laneStart[LANES]);
        PayloadInput.check(colPtr.get(0) == 0 && colPtr.get(cols) == nnz, "column pointers do not span the non-zeros");
        // With no non-zeros the pointers take no bits and are all 0: the loop over the columns would not be
        // bounded by the bytes present. Otherwise each pointer has at least one bit.
        for (int j = 0; nnz > 0 && j < cols; j++) {
            PayloadInput.check(colPtr.get(j) <= colPtr.get(j + 1) && colPtr.get(j + 1) <= nnz,
                    "column pointer at column " + (j + 1) + " is below the one before it or above nnz " + nnz);
            int prevRow = -1;
            for (int p = colPtr.get(j), pEnd = colPtr.get(j + 1); p < pEnd; p++) {
                int i = rowIdx.get(p);
                PayloadInput.check(i > prevRow && i < rows, "row index out of range or order in column " + j);
                prevRow = i;
            }
        }
        ShamStored m = new ShamStored(rows, cols, cb, colPtr, rowIdx, blocks, laneStart, bits);
        m.validateLanes();
        return m;
    }

    /** Decodes every lane of every block, checking that it ends exactly where the index says. */
    private void validateLanes() throws IOException {
        long[] countOfRank = new long[codebook.size()];
        long codedBits = 0;
        for (int b = 0; b < blocks.blocks(); b++) {
            int n = colPtr.get(blocks.startColumn(b + 1)) - colPtr.get(blocks.startColumn(b));
            for (int l = 0; l < LANES; l++) {
                long pos = laneStart[l] + blocks.get(l, b);
                long end = laneStart[l] + (b + 1 < blocks.blocks() ? blocks.get(l, b + 1) : laneStart[l + 1] - laneStart[l]);
                for (int q = l; q < n; q += LANES) {
                    PayloadInput.check(pos <= end, "lane " + l + " of block " + b + " ends early");
                    int e = decoder.decode(ByteBits.window(bits, pos));
                    pos += e & 63;
                    codedBits += e & 63;
                    countOfRank[e >>> 6]++;
                }
                PayloadInput.check(pos == end, "lane " + l + " of block " + b + " ends at bit " + pos + ", index says " + end);
            }
        }
        codebook.checkOptimal(countOfRank);
        blocks.checkBlockCount(codedBits + (long) colPtr.get(cols) * rowIdx.width());
    }

    @Override
    public long nonZeros() {
        return colPtr.get(cols);
    }

    @Override
    public MatrixFormat format() {
        return ShamFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        for (int b = 0; b < blocks.blocks(); b++) {
            decodeBlock(b, (ptr, k, count, base, vals, firstCol) -> {
                for (int t = 0; t < count; t++) {
                    for (int p = ptr[k + t] - base; p < ptr[k + t + 1] - base; p++) {
                        d.set(rowIdx.get(base + p), firstCol + t, vals[p]);
                    }
                }
            });
        }
        return d;
    }

    @Override
    protected void decodeColumns(ColumnSlices out) {
        final char[] nr = narrowRows;
        for (int b = 0; b < blocks.blocks(); b++) {
            decodeBlock(b, (ptr, k, count, base, vals, firstCol) -> {
                for (int t = 0; t < count; t++) {
                    int p = out.column(firstCol + t);
                    int[] r = out.rows();
                    int from = ptr[k + t] - base;
                    int len = ptr[k + t + 1] - base - from;
                    if (nr != null) {
                        for (int q = 0; q < len; q++) {
                            r[p + q] = nr[base + from + q];
                        }
                    } else {
                        rowIdx.get(base + from, r, p, len);
                    }
                    System.arraycopy(vals, from, out.values(), p, len);
                    out.end(p + len);
                }
            });
        }
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        if (batch == 1) {
            decodeBlock(block, (ptr, k, count, base, vals, firstCol) -> multiplyOne(ptr, k, count, base, vals, xt, y,
                    firstCol));
            return;
        }
        int[] rowsOf = new int[CHUNK];
        decodeBlock(block, (ptr, k, count, base, vals, firstCol) -> {
            int[] r = rowsOf.length >= vals.length ? rowsOf : new int[vals.length];
            rowsOf(base, ptr[k + count] - base, r);
            ColumnKernel.multiply(ptr, k, count, base, r, vals, xt, batch, y, cols, firstCol);
        });
    }

    /** Row indices of non-zeros from .. from + count - 1 into dst[0 .. count - 1]. */
    private void rowsOf(int from, int count, int[] dst) {
        final char[] nr = narrowRows;
        if (nr == null) {
            rowIdx.get(from, dst, count);
            return;
        }
        for (int t = 0; t < count; t++) {
            dst[t] = nr[from + t];
        }
    }

    /** The packed row indices as 16-bit values. */
    private static char[] narrow(PackedInts rowIdx) {
        char[] out = new char[rowIdx.size()];
        int[] buf = new int[4096];
        for (int p = 0; p < out.length; p += buf.length) {
            int n = Math.min(buf.length, out.length - p);
            rowIdx.get(p, buf, n);
            for (int t = 0; t < n; t++) {
                out[p + t] = (char) buf[t];
            }
        }
        return out;
    }

    /** One vector: row indices from their 16-bit copy where there is one, else from their packed bits. */
    private void multiplyOne(int[] ptr, int k, int count, int base, float[] vals, float[] xt, float[] y,
                             int firstCol) {
        final char[] nr = narrowRows;
        if (nr != null) {
            int p0 = ptr[k] - base;
            for (int t = 0; t < count; t++) {
                int p1 = ptr[k + t + 1] - base;
                float s = 0f;
                for (int p = p0; p < p1; p++) {
                    s += xt[nr[base + p]] * vals[p];
                }
                y[firstCol + t] = s;
                p0 = p1;
            }
            return;
        }
        final byte[] rb = rowIdx.bytes();
        final int w = rowIdx.width();
        final int down = 63 - w;
        long rpos = (long) base * w;
        int p0 = ptr[k] - base;
        for (int t = 0; t < count; t++) {
            int p1 = ptr[k + t + 1] - base;
            float s = 0f;
            for (int p = p0; p < p1; p++, rpos += w) {
                s += xt[(int) ((ByteBits.window(rb, rpos) >>> 1) >>> down)] * vals[p];
            }
            y[firstCol + t] = s;
            p0 = p1;
        }
    }

    /** Columns decoded to values; entry p of the run has row index rowIdx.get(base + p). */
    private interface Chunk {
        void accept(int[] ptr, int k, int count, int base, float[] vals, int firstCol);
    }

    /** Decodes a block a run of whole columns at a time, handing each run to {@code sink}. */
    private void decodeBlock(int block, Chunk sink) {
        int c0 = blocks.startColumn(block);
        int c1 = blocks.startColumn(block + 1);
        int[] ptr = new int[c1 - c0 + 1];
        for (int k = 0; k <= c1 - c0; k++) {
            ptr[k] = colPtr.get(c0 + k);
        }
        long pa = laneStart[0] + blocks.get(0, block);
        long pb = laneStart[1] + blocks.get(1, block);
        long pc = laneStart[2] + blocks.get(2, block);
        long pd = laneStart[3] + blocks.get(3, block);
        final byte[] w = bits;
        final HuffmanRuns t = runs;
        float[] vals = new float[Math.min(CHUNK, ptr[c1 - c0] - ptr[0])];
        for (int k = 0; k < c1 - c0; ) {
            int e = k + 1;
            while (e < c1 - c0 && ptr[e + 1] - ptr[k] <= CHUNK) {
                e++;
            }
            int len = ptr[e] - ptr[k];
            if (len > vals.length) {
                vals = new float[len];
            }
            int q = ptr[k] - ptr[0];
            int oa = -q & 3;
            int ob = (1 - q) & 3;
            int oc = (2 - q) & 3;
            int od = (3 - q) & 3;
            int lim = len - (HuffmanRuns.RUN - 1) * LANES;
            while (oa < lim && ob < lim && oc < lim && od < lim) {
                int ra = t.decode(ByteBits.window(w, pa), vals, oa, LANES);
                int rb = t.decode(ByteBits.window(w, pb), vals, ob, LANES);
                int rc = t.decode(ByteBits.window(w, pc), vals, oc, LANES);
                int rd = t.decode(ByteBits.window(w, pd), vals, od, LANES);
                pa += ra & 63;
                pb += rb & 63;
                pc += rc & 63;
                pd += rd & 63;
                oa += (ra >>> 6) * LANES;
                ob += (rb >>> 6) * LANES;
                oc += (rc >>> 6) * LANES;
                od += (rd >>> 6) * LANES;
            }
            pa = finish(pa, vals, oa, len);
            pb = finish(pb, vals, ob, len);
            pc = finish(pc, vals, oc, len);
            pd = finish(pd, vals, od, len);
            sink.accept(ptr, k, e - k, ptr[k], vals, c0 + k);
            k = e;
        }
    }

    /** Decodes the rest of a lane's values in a run of columns, from out[o] on at bit pos; returns the bit after. */
    private long finish(long pos, float[] out, int o, int len) {
        for (; o < len; o += LANES) {
            int e = decoder.decode(ByteBits.window(bits, pos));
            out[o] = codebook.values()[e >>> 6];
            pos += e & 63;
        }
        return pos;
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(nonZeros());
        for (int l = 0; l < LANES; l++) {
            out.writeVarLong(laneStart[l + 1] - laneStart[l]);
        }
        codebook.write(out);
        blocks.write(out);
        out.part(SizeBreakdown.INDICES);
        out.writeBytes(colPtr.bytes(), colPtr.byteLength());
        out.writeBytes(rowIdx.bytes(), rowIdx.byteLength());
        out.part(SizeBreakdown.PAYLOAD);
        out.writeBytes(bits, Math.toIntExact((laneStart[LANES] + 7) >>> 3));
    }

    @Override
    public OptionalDouble upperBoundBits() {
        return OptionalDouble.of(PaperBounds.sham(rows, cols, nonZeros(), codebook.size()));
    }

    /**
     * The single-vector kernel as it runs ({@link #decodeBlock}, then the column sums): per block its column
     * pointers; per chunk of whole columns the four lanes decoded side by side, a lookup in the run table
     * resolving up to {@value HuffmanRuns#RUN} codewords (its four values read and written to the chunk's
     * buffer) while every lane has room, then each lane's last codewords one by one through the decoder (and
     * the codebook); each decoded value read back from the buffer; row indices as 16-bit values when rows &lt;=
     * 65,536, else packed; one 8-byte window of the lanes' bits read per lookup and per codeword decoded alone.
     */
    @Override
    public OperationCounts productCounts() {
        int nnz = colPtr.get(cols);
        ProductCounts c = new ProductCounts(rows, cols)
                .packed("column pointers", colPtr, (long) cols + blocks.blocks());
        if (narrowRows != null) {
            c.bits("row indices (16-bit)", 2L * nnz, 16, nnz);
        } else {
            c.packed("row indices", rowIdx, nnz);
        }
        long[] lengths = new long[codebook.code().maxLength() + 1];
        long runLookups = 0;
        long runHits = 0;
        long singles = 0;
        long windows = 0;
        for (int b = 0; b < blocks.blocks(); b++) {
            int c0 = blocks.startColumn(b);
            int c1 = blocks.startColumn(b + 1);
            long[] pos = new long[LANES];
            for (int l = 0; l < LANES; l++) {
                pos[l] = laneStart[l] + blocks.get(l, b);
            }
            int p0 = colPtr.get(c0);
            for (int k = c0; k < c1; ) {
                int e = k + 1;
                while (e < c1 && colPtr.get(e + 1) - colPtr.get(k) <= CHUNK) {
                    e++;
                }
                int len = colPtr.get(e) - colPtr.get(k);
                int q = colPtr.get(k) - p0;
                int[] o = new int[LANES];
                for (int l = 0; l < LANES; l++) {
                    o[l] = (l - q) & 3;
                }
                int lim = len - (HuffmanRuns.RUN - 1) * LANES;
                while (o[0] < lim && o[1] < lim && o[2] < lim && o[3] < lim) {
                    for (int l = 0; l < LANES; l++) {
                        int r = runs.lookup(ByteBits.window(bits, pos[l]));
                        runLookups++;
                        windows++;
                        if (r < 0) {
                            int d = decoder.decode(ByteBits.window(bits, pos[l]));
                            lengths[d & 63]++;
                            pos[l] += d & 63;
                            o[l] += LANES;
                            singles++;
                        } else {
                            pos[l] += r & 63;
                            o[l] += (r >>> 6) * LANES;
                            runHits++;
                        }
                    }
                }
                for (int l = 0; l < LANES; l++) {
                    for (; o[l] < len; o[l] += LANES) {
                        int d = decoder.decode(ByteBits.window(bits, pos[l]));
                        lengths[d & 63]++;
                        pos[l] += d & 63;
                        singles++;
                        windows++;
                    }
                }
                k = e;
            }
        }
        c.counts().access("codewords", bits.length, 64, windows);
        c.counts().access("run table", runs.metaBytes(), 32, runLookups);
        c.counts().access("run values", runs.runBytes(), 32, runHits * HuffmanRuns.RUN);
        decoder.countLookups("decode table", lengths, c.counts());
        c.words("codebook", codebook.size(), singles);
        // Each run writes its four values (the ones past the run are overwritten later), each single one.
        c.words("decoded values", Math.min(CHUNK, nnz), runHits * HuffmanRuns.RUN + singles + nnz);
        return c.columnSums(nnz).build();
    }
}
