package org.sham4j.core.format.sham;

import java.io.IOException;
import java.util.OptionalDouble;
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

/** A matrix as an sHAM: codewords of the non-zeros, packed row indices and column pointers. */
final class ShamStored extends ColumnBlockedMatrix {
    private final HuffmanCodebook codebook;
    private final HuffmanDecoder decoder;
    private final float[] values;
    private final PackedInts colPtr;
    private final PackedInts rowIdx;
    private final BlockIndex blocks;
    private final long[] words;
    private final long bitLength;

    private ShamStored(int rows, int cols, HuffmanCodebook codebook, PackedInts colPtr, PackedInts rowIdx,
                       BlockIndex blocks, long[] words, long bitLength) {
        super(rows, cols);
        this.codebook = codebook;
        this.decoder = codebook.decoder();
        this.values = codebook.values();
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.blocks = blocks;
        this.words = words;
        this.bitLength = bitLength;
    }

    static ShamStored build(SparseMatrix m) {
        int nnz = m.nnz();
        int c = m.cols();
        HuffmanCodebook cb = HuffmanCodebook.build(ValueAlphabet.of(m.values(), nnz, 0));
        long codedBits = cb.codedBits();
        int blockCount = BlockIndex.blocksFor(c, codedBits);
        long[] offsets = new long[blockCount];
        BitWriter w = new BitWriter(codedBits);
        int[] ptr = m.colPtr();
        float[] v = m.values();
        int block = 1;
        for (int j = 0; j < c; j++) {
            if (block < blockCount && j == BlockIndex.startColumn(c, blockCount, block)) {
                offsets[block++] = w.bitLength();
            }
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                int r = cb.rankOf(v[p]);
                w.write(cb.code().code(r), cb.code().length(r));
            }
        }
        return new ShamStored(m.rows(), c, cb, PackedInts.pack(ptr, 0, c + 1, nnz),
                PackedInts.pack(m.rowIdx(), 0, nnz, Math.max(0, m.rows() - 1)),
                BlockIndex.of(c, new long[][] {offsets}), w.toWords(), w.bitLength());
    }

    static ShamStored read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        int nnz = in.readCount("non-zero count", entries);
        long bitLength = in.readBitLength((long) nnz * 64, "codewords");
        HuffmanCodebook cb = HuffmanCodebook.read(in, nnz);
        PayloadInput.check(cb.size() > 0 || nnz == 0, "empty codebook with non-zeros");
        for (float v : cb.values()) {
            PayloadInput.check(v != 0f, "zero in the codebook of non-zeros");
        }
        BlockIndex blocks = BlockIndex.read(in, cols, new long[] {bitLength});
        int ptrWidth = Bits.widthFor(nnz);
        PackedInts colPtr = PackedInts.wrap(ptrWidth, cols + 1,
                in.readBits((long) (cols + 1) * ptrWidth, "column pointers"));
        int rowWidth = Bits.widthFor(Math.max(0, rows - 1));
        PackedInts rowIdx = PackedInts.wrap(rowWidth, nnz, in.readBits((long) nnz * rowWidth, "row indices"));
        long[] words = in.readBits(bitLength, "codewords");
        PayloadInput.check(colPtr.get(0) == 0 && colPtr.get(cols) == nnz, "column pointers do not span the non-zeros");
        for (int j = 0; j < cols; j++) {
            int p0 = colPtr.get(j);
            int p1 = colPtr.get(j + 1);
            PayloadInput.check(p0 <= p1, "column pointers decrease at column " + j);
            for (int p = p0; p < p1; p++) {
                int i = rowIdx.get(p);
                PayloadInput.check(i < rows && (p == p0 || i > rowIdx.get(p - 1)),
                        "row index out of range or order in column " + j);
            }
        }
        ShamStored m = new ShamStored(rows, cols, cb, colPtr, rowIdx, blocks, words, bitLength);
        m.validateStream();
        return m;
    }

    /** Decodes every codeword, checking the stream and the block offsets agree. */
    private void validateStream() throws IOException {
        for (int b = 0; b < blocks.blocks(); b++) {
            long pos = blocks.get(0, b);
            long end = b + 1 < blocks.blocks() ? blocks.get(0, b + 1) : bitLength;
            int count = colPtr.get(blocks.startColumn(b + 1)) - colPtr.get(blocks.startColumn(b));
            for (int t = 0; t < count; t++) {
                PayloadInput.check(pos <= bitLength, "codewords run past the end of the stream");
                pos += decoder.decode(Bits.peek(words, pos)) & 63;
            }
            PayloadInput.check(pos == end, "block " + b + " ends at bit " + pos + ", index says " + end);
        }
    }

    @Override
    public long nonZeros() {
        return rowIdx.size();
    }

    @Override
    public MatrixFormat format() {
        return ShamFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        long pos = 0;
        for (int j = 0; j < cols; j++) {
            for (int p = colPtr.get(j), end = colPtr.get(j + 1); p < end; p++) {
                int e = decoder.decode(Bits.peek(words, pos));
                pos += e & 63;
                d.set(rowIdx.get(p), j, values[e >>> 6]);
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
        long pos = blocks.get(0, block);
        final long[] words = this.words;
        final long[] rowWords = rowIdx.words();
        final int rw = rowIdx.width();
        final int rshift = 63 - rw;
        final float[] values = this.values;
        final HuffmanDecoder dec = decoder;
        int p0 = colPtr.get(c0);
        long rpos = (long) p0 * rw;
        if (batch == 1) {
            for (int j = c0; j < c1; j++) {
                int p1 = colPtr.get(j + 1);
                float s = 0f;
                for (int p = p0; p < p1; p++) {
                    int e = dec.decode(Bits.peek(words, pos));
                    pos += e & 63;
                    int i = (int) ((Bits.peek(rowWords, rpos) >>> 1) >>> rshift);
                    rpos += rw;
                    s += xt[i] * values[e >>> 6];
                }
                y[j] = s;
                p0 = p1;
            }
            return;
        }
        float[] acc = new float[batch];
        for (int j = c0; j < c1; j++) {
            int p1 = colPtr.get(j + 1);
            java.util.Arrays.fill(acc, 0f);
            for (int p = p0; p < p1; p++) {
                int e = dec.decode(Bits.peek(words, pos));
                pos += e & 63;
                int base = (int) ((Bits.peek(rowWords, rpos) >>> 1) >>> rshift) * batch;
                rpos += rw;
                float v = values[e >>> 6];
                for (int b = 0; b < batch; b++) {
                    acc[b] += v * xt[base + b];
                }
            }
            for (int b = 0; b < batch; b++) {
                y[b * cols + j] = acc[b];
            }
            p0 = p1;
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(rowIdx.size());
        out.writeVarLong(bitLength);
        codebook.write(out);
        blocks.write(out);
        out.part(SizeBreakdown.INDICES);
        out.writeBits(colPtr.words(), colPtr.bitLength());
        out.writeBits(rowIdx.words(), rowIdx.bitLength());
        out.part(SizeBreakdown.PAYLOAD);
        out.writeBits(words, bitLength);
    }

    @Override
    public OptionalDouble upperBoundBits() {
        return OptionalDouble.of(PaperBounds.sham(rows, cols, rowIdx.size(), codebook.size()));
    }
}
