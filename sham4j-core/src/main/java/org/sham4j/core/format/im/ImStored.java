package org.sham4j.core.format.im;

import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.ColumnSlices;
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
    /** Whether batch products skip zero entries: only when at most a quarter of the entries are non-zero. */
    private final boolean skipZeros;

    ImStored(int rows, int cols, float[] codebook, int width, long[] words) {
        super(rows, cols);
        this.codebook = codebook;
        this.width = width;
        this.words = words;
        this.skipZeros = nonZeros() <= (long) rows * cols / 4;
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
        if (width == 0) {
            return codebook.length == 1 && codebook[0] != 0f ? (long) rows * cols : 0;
        }
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
    protected void decodeColumns(ColumnSlices out) {
        final long[] words = this.words;
        final float[] codebook = this.codebook;
        final int n = rows;
        final int w = width;
        // A width of 0 reads index 0 (a shift by 64 would be none).
        final long mask = w == 0 ? 0L : -1L;
        final int shift = 64 - Math.max(1, w);
        for (int j = 0; j < cols; j++) {
            int p = out.column(j);
            int[] r = out.rows();
            float[] v = out.values();
            long pos = (long) j * n * w;
            for (int i = 0; i < n; i++, pos += w) {
                float value = codebook[(int) ((Bits.peek(words, pos) & mask) >>> shift)];
                // Written whatever the value, kept only if not zero: no branch on the pattern.
                r[p] = i;
                v[p] = value;
                p += value != 0f ? 1 : 0;
            }
            out.end(p);
        }
    }

    @Override
    protected int blockCount() {
        return evenBlockCount();
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        if (width == 0) {
            float[] acc = new float[batch];
            for (int j = c0; j < c1; j++) {
                for (int i = 0; i < rows; i++) {
                    addScaledRow(acc, codebook[0], xt, i, batch);
                }
                storeColumn(acc, batch, y, j);
            }
            return;
        }
        final long[] words = this.words;
        final float[] codebook = this.codebook;
        final int w = width;
        final int shift = 64 - w;
        final int n = rows;
        if (batch == 1) {
            for (int j = c0; j < c1; j++) {
                long pos = (long) j * n * w;
                float s = 0f;
                for (int i = 0; i < n; i++, pos += w) {
                    s += xt[i] * codebook[(int) (Bits.peek(words, pos) >>> shift)];
                }
                y[j] = s;
            }
            return;
        }
        float[] acc = new float[batch];
        for (int j = c0; j < c1; j++) {
            long pos = (long) j * n * w;
            for (int i = 0; i < n; i++, pos += w) {
                float v = codebook[(int) (Bits.peek(words, pos) >>> shift)];
                if (v != 0f || !skipZeros) {
                    addScaledRow(acc, v, xt, i, batch);
                }
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
