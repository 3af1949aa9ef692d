package org.sham4j.core.format.sham;

import java.io.IOException;
import java.util.OptionalDouble;
import org.sham4j.core.bits.BitCursor;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.bits.PackedInts;
import org.sham4j.core.format.BlockIndex;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.HuffmanCodebook;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PaperBounds;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.huffman.HuffmanDecoder;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A matrix as an sHAM. Column pointers are packed apart; the stream holds, for each non-zero in column order,
 * its row index (at the fewest bits that hold n - 1) followed by the codeword of its value, so that one
 * 64-bit window serves both.
 */
final class ShamStored extends ColumnBlockedMatrix {
    private final HuffmanCodebook codebook;
    private final HuffmanDecoder decoder;
    private final float[] values;
    private final PackedInts colPtr;
    private final int rowWidth;
    private final BlockIndex blocks;
    private final long[] words;
    private final long bitLength;

    private ShamStored(int rows, int cols, HuffmanCodebook codebook, PackedInts colPtr, BlockIndex blocks,
                       long[] words, long bitLength) {
        super(rows, cols);
        this.codebook = codebook;
        this.decoder = codebook.decoder();
        this.values = codebook.values();
        this.colPtr = colPtr;
        this.rowWidth = Bits.widthFor(Math.max(0, rows - 1));
        this.blocks = blocks;
        this.words = words;
        this.bitLength = bitLength;
    }

    static ShamStored build(SparseMatrix m) {
        int nnz = m.nnz();
        int c = m.cols();
        HuffmanCodebook cb = HuffmanCodebook.build(ValueAlphabet.of(m.values(), nnz, 0));
        int rowWidth = Bits.widthFor(Math.max(0, m.rows() - 1));
        long codedBits = cb.codedBits() + (long) nnz * rowWidth;
        int blockCount = BlockIndex.blocksFor(c, codedBits);
        long[] offsets = new long[blockCount];
        BitWriter w = new BitWriter(codedBits);
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        float[] v = m.values();
        int block = 1;
        for (int j = 0; j < c; j++) {
            if (block < blockCount && j == BlockIndex.startColumn(c, blockCount, block)) {
                offsets[block++] = w.bitLength();
            }
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                w.write(ri[p], rowWidth);
                int r = cb.rankOf(v[p]);
                w.write(cb.code().code(r), cb.code().length(r));
            }
        }
        return new ShamStored(m.rows(), c, cb, PackedInts.pack(ptr, 0, c + 1, nnz),
                BlockIndex.of(c, new long[][] {offsets}), w.toWords(), w.bitLength());
    }

    static ShamStored read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        int nnz = in.readCount("non-zero count", entries);
        long bitLength = in.readBitLength((long) nnz * (64 + 32), "stream");
        HuffmanCodebook cb = HuffmanCodebook.read(in, nnz);
        PayloadInput.check(cb.size() > 0 || nnz == 0, "empty codebook with non-zeros");
        for (float v : cb.values()) {
            PayloadInput.check(v != 0f, "zero in the codebook of non-zeros");
        }
        BlockIndex blocks = BlockIndex.read(in, cols, new long[] {bitLength});
        int ptrWidth = Bits.widthFor(nnz);
        PackedInts colPtr = PackedInts.wrap(ptrWidth, cols + 1,
                in.readBits((long) (cols + 1) * ptrWidth, "column pointers"));
        long[] words = in.readBits(bitLength, "stream");
        PayloadInput.check(colPtr.get(0) == 0 && colPtr.get(cols) == nnz, "column pointers do not span the non-zeros");
        for (int j = 0; j < cols; j++) {
            PayloadInput.check(colPtr.get(j) <= colPtr.get(j + 1), "column pointers decrease at column " + j);
        }
        ShamStored m = new ShamStored(rows, cols, cb, colPtr, blocks, words, bitLength);
        m.validateStream();
        return m;
    }

    /** Decodes the whole stream, checking row indices, the stream's length and the block offsets. */
    private void validateStream() throws IOException {
        for (int b = 0; b < blocks.blocks(); b++) {
            long pos = blocks.get(0, b);
            long end = b + 1 < blocks.blocks() ? blocks.get(0, b + 1) : bitLength;
            for (int j = blocks.startColumn(b); j < blocks.startColumn(b + 1); j++) {
                int prevRow = -1;
                for (int p = colPtr.get(j), pEnd = colPtr.get(j + 1); p < pEnd; p++) {
                    PayloadInput.check(pos <= bitLength, "stream ends inside column " + j);
                    int i = rowWidth == 0 ? 0 : (int) Bits.read(words, pos, rowWidth);
                    PayloadInput.check(i > prevRow && i < rows, "row index out of range or order in column " + j);
                    prevRow = i;
                    pos += rowWidth;
                    PayloadInput.check(pos <= bitLength, "stream ends inside column " + j);
                    pos += decoder.decode(Bits.peek(words, pos)) & 63;
                }
            }
            PayloadInput.check(pos == end, "block " + b + " ends at bit " + pos + ", index says " + end);
        }
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
        BitCursor in = new BitCursor(words, 0);
        for (int j = 0; j < cols; j++) {
            for (int p = colPtr.get(j), end = colPtr.get(j + 1); p < end; p++) {
                int i = (int) in.read(rowWidth);
                int e = decoder.decode(in.window());
                in.skip(e & 63);
                d.set(i, j, values[e >>> 6]);
            }
        }
        return d;
    }

    @Override
    protected int blockCount() {
        return blocks.blocks();
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = blocks.startColumn(block);
        int c1 = blocks.startColumn(block + 1);
        BitCursor in = new BitCursor(words, blocks.get(0, block));
        final int rw = rowWidth;
        final int rshift = 63 - rw;
        final float[] values = this.values;
        final HuffmanDecoder dec = decoder;
        final int[] table = dec.table();
        final int tshift = dec.tableShift();
        int p0 = colPtr.get(c0);
        float[] acc = batch == 1 ? null : new float[batch];
        for (int j = c0; j < c1; j++) {
            int p1 = colPtr.get(j + 1);
            if (batch == 1) {
                float s = 0f;
                for (int p = p0; p < p1; p++) {
                    long w = in.window();
                    int i = (int) ((w >>> 1) >>> rshift);
                    int e = table[(int) (((w << rw) >>> 1) >>> tshift)];
                    if (e < 0) {
                        in.skip(rw);
                        e = dec.decodeLong(in.window());
                        in.skip(e & 63);
                    } else {
                        in.skip(rw + (e & 63));
                    }
                    s += xt[i] * values[e >>> 6];
                }
                y[j] = s;
            } else {
                java.util.Arrays.fill(acc, 0f);
                for (int p = p0; p < p1; p++) {
                    int base = (int) in.read(rw) * batch;
                    int e = dec.decode(in.window());
                    in.skip(e & 63);
                    float v = values[e >>> 6];
                    for (int b = 0; b < batch; b++) {
                        acc[b] += v * xt[base + b];
                    }
                }
                for (int b = 0; b < batch; b++) {
                    y[b * cols + j] = acc[b];
                }
            }
            p0 = p1;
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(nonZeros());
        out.writeVarLong(bitLength);
        codebook.write(out);
        blocks.write(out);
        out.part(SizeBreakdown.INDICES);
        out.writeBits(colPtr.words(), colPtr.bitLength());
        out.writeBits(words, bitLength, SizeBreakdown.INDICES, nonZeros() * rowWidth, SizeBreakdown.PAYLOAD);
    }

    @Override
    public OptionalDouble upperBoundBits() {
        return OptionalDouble.of(PaperBounds.sham(rows, cols, nonZeros(), codebook.size()));
    }
}
