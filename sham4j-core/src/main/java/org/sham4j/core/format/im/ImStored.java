package org.sham4j.core.format.im;

import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** A matrix as an index map: fixed-width codebook indices, column by column. */
final class ImStored extends ColumnBlockedMatrix {
    private final float[] codebook;
    private final int width;
    private final long[] words;

    ImStored(int rows, int cols, float[] codebook, int width, long[] words) {
        super(rows, cols);
        this.codebook = codebook;
        this.width = width;
        this.words = words;
    }

    static ImStored build(SparseMatrix m, ValueAlphabet alphabet) {
        int k = alphabet.size();
        float[] codebook = new float[k];
        for (int s = 0; s < k; s++) {
            codebook[s] = alphabet.value(s);
        }
        int width = Bits.indexBits(k);
        int zero = m.nnz() < m.entries() ? alphabet.symbolOf(0f) : 0;
        BitWriter w = new BitWriter(m.entries() * width);
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        float[] v = m.values();
        for (int j = 0; j < m.cols(); j++) {
            int i = 0;
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                for (; i < ri[p]; i++) {
                    w.write(zero, width);
                }
                w.write(alphabet.symbolOf(v[p]), width);
                i++;
            }
            for (; i < m.rows(); i++) {
                w.write(zero, width);
            }
        }
        return new ImStored(m.rows(), m.cols(), codebook, width, w.toWords());
    }

    private int index(long entry) {
        return width == 0 ? 0 : (int) Bits.read(words, entry * width, width);
    }

    @Override
    public long nonZeros() {
        long n = 0;
        for (long e = 0, entries = (long) rows * cols; e < entries; e++) {
            if (codebook[index(e)] != 0f) {
                n++;
            }
        }
        return n;
    }

    @Override
    public MatrixFormat format() {
        return ImFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                d.set(i, j, codebook[index((long) j * rows + i)]);
            }
        }
        return d;
    }

    @Override
    protected int blockCount() {
        return evenBlockCount();
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        float[] acc = new float[batch];
        int shift = 64 - width;
        for (int j = c0; j < c1; j++) {
            long pos = (long) j * rows * width;
            for (int i = 0; i < rows; i++, pos += width) {
                float v = width == 0 ? codebook[0] : codebook[(int) (Bits.peek(words, pos) >>> shift)];
                addScaledRow(acc, v, xt, i, batch);
            }
            storeColumn(acc, batch, y, j);
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(codebook.length);
        out.part(SizeBreakdown.CODEBOOK);
        out.writeFloats(codebook, 0, codebook.length);
        out.part(SizeBreakdown.PAYLOAD);
        out.writeBits(words, (long) rows * cols * width);
    }

    /** Every index read; the codebook read for the non-zeros, multiplied into column sums. */
    @Override
    public OperationCounts productCounts() {
        long entries = (long) rows * cols;
        long nnz = nonZeros();
        return new ProductCounts(rows, cols).bits("indices", (entries * width + 7) / 8, width, entries)
                .words("codebook", codebook.length, nnz).columnSums(nnz).build();
    }
}
