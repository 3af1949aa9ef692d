package org.sham4j.core.format.im;

import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;
import org.sham4j.core.bits.ByteBits;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.FormatLimitException;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * A matrix as an index map: fixed-width codebook indices, stored column by column and held row by row, so that a
 * single-vector product runs along the rows as the dense one does ({@link ImRowProduct}).
 */
final class ImStored extends ColumnBlockedMatrix {
    /** Narrowest column block: long rows for the single-vector kernel. */
    private static final int MIN_BLOCK_WIDTH = 128;

    private final float[] codebook;
    private final int width;
    /** Entry (i, j)'s index at bit (i * cols + j) * width, MSB-first, with {@link ImRowProduct#SPARE_BYTES} spare. */
    private final byte[] bits;
    /** Entries whose value is not zero, counted once. */
    private final long nonZeros;

    private ImStored(int rows, int cols, float[] codebook, int width, byte[] bits) {
        super(rows, cols);
        this.codebook = codebook;
        this.width = width;
        this.bits = bits;
        this.nonZeros = countNonZeros();
    }

    /** Zeroed room for the indices of a rows x cols map and the spare bytes. */
    private static byte[] room(int rows, int cols, int width) {
        long bytes = ((long) rows * cols * width + 7) / 8 + ImRowProduct.SPARE_BYTES;
        FormatLimitException.checkArray(bytes, "an index map of " + rows + " x " + cols + " at " + width + " bits");
        return new byte[(int) bytes];
    }

    /** Writes the {@code width}-bit value at bit {@code pos} of zeroed bytes, MSB-first. */
    private static void put(byte[] bits, long pos, int value, int width) {
        for (int left = width; left > 0; ) {
            int free = 8 - (int) (pos & 7);
            int n = Math.min(free, left);
            bits[(int) (pos >>> 3)] |= (byte) (((value >>> (left - n)) & ((1 << n) - 1)) << (free - n));
            pos += n;
            left -= n;
        }
    }

    static ImStored build(SparseMatrix m, ValueAlphabet alphabet) {
        int k = alphabet.size();
        float[] codebook = new float[k];
        for (int s = 0; s < k; s++) {
            codebook[s] = alphabet.value(s);
        }
        int width = Bits.indexBits(k);
        int zero = m.nnz() < m.entries() ? alphabet.symbolOf(0f) : 0;
        // The transpose's columns are the rows, in order, each with its non-zeros by column.
        SparseMatrix t = m.transpose();
        byte[] bits = room(m.rows(), m.cols(), width);
        int[] ptr = t.colPtr();
        int[] ci = t.rowIdx();
        float[] v = t.values();
        long pos = 0;
        for (int i = 0; i < m.rows(); i++) {
            int j = 0;
            for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                for (; j < ci[p]; j++, pos += width) {
                    put(bits, pos, zero, width);
                }
                put(bits, pos, alphabet.symbolOf(v[p]), width);
                pos += width;
                j++;
            }
            for (; j < m.cols(); j++, pos += width) {
                put(bits, pos, zero, width);
            }
        }
        return new ImStored(m.rows(), m.cols(), codebook, width, bits);
    }

    /** From the indices in column order, as the format stores them. */
    static ImStored ofColumnOrder(int rows, int cols, float[] codebook, int width, long[] columnMajorWords) {
        byte[] bits = room(rows, cols, width);
        long at = 0;
        for (int i = 0; i < rows && width > 0; i++) {
            for (long pos = (long) i * width, step = (long) rows * width, end = pos + step * cols; pos < end; pos += step) {
                put(bits, at, (int) Bits.read(columnMajorWords, pos, width), width);
                at += width;
            }
        }
        return new ImStored(rows, cols, codebook, width, bits);
    }

    private int index(int i, int j) {
        return width == 0 ? 0 : (int) (ByteBits.window(bits, ((long) i * cols + j) * width) >>> (64 - width));
    }

    @Override
    public long nonZeros() {
        return nonZeros;
    }

    private long countNonZeros() {
        if (width == 0) {
            return codebook.length == 1 && codebook[0] != 0f ? (long) rows * cols : 0;
        }
        long n = 0;
        int down = 64 - width;
        for (long pos = 0, end = (long) rows * cols * width; pos < end; pos += width) {
            if (codebook[(int) (ByteBits.window(bits, pos) >>> down)] != 0f) {
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
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d.set(i, j, codebook[index(i, j)]);
            }
        }
        return d;
    }

    /** Column by column, reading down the rows (one row's run of bits apart from the next). */
    @Override
    protected void decodeColumns(ColumnSlices out) {
        // A width of 0 reads index 0 (a shift by 64 would be none).
        long mask = width == 0 ? 0L : -1L;
        int down = 64 - Math.max(1, width);
        long step = (long) cols * width;
        for (int j = 0; j < cols; j++) {
            int p = out.column(j);
            int[] r = out.rows();
            float[] v = out.values();
            long pos = (long) j * width;
            for (int i = 0; i < rows; i++, pos += step) {
                float value = codebook[(int) ((ByteBits.window(bits, pos) & mask) >>> down)];
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
        return wideBlockCount(MIN_BLOCK_WIDTH);
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        multiplyBlocks(xt, batch, y, block, block + 1);
    }

    /** Consecutive blocks are one run of columns: one pass over the rows for them all. */
    @Override
    protected void multiplyBlocks(float[] xt, int batch, float[] y, int first, int last) {
        int c0 = evenBlockStart(first, blockCount());
        int c1 = evenBlockStart(last, blockCount());
        if (width > 0) {
            // The share of non-zero entries (a width above 0 means entries): the kernels skip zeros in sparse maps.
            double density = (double) nonZeros / ((double) rows * cols);
            ImRowProduct.get().multiply(bits, width, rows, cols, codebook, xt, batch, y, c0, c1, density);
            return;
        }
        float[] acc = new float[batch];
        for (int j = c0; j < c1; j++) {
            for (int i = 0; i < rows; i++) {
                addScaledRow(acc, codebook[0], xt, i, batch);
            }
            storeColumn(acc, batch, y, j);
        }
    }

    /** The indices in column order, as the format stores them. */
    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(codebook.length);
        out.part(SizeBreakdown.CODEBOOK);
        out.writeFloats(codebook, 0, codebook.length);
        out.part(SizeBreakdown.PAYLOAD);
        BitWriter w = new BitWriter((long) rows * cols * width);
        for (int j = 0; j < cols && width > 0; j++) {
            for (int i = 0; i < rows; i++) {
                w.write(index(i, j), width);
            }
        }
        out.writeBits(w.toWords(), (long) rows * cols * width);
    }

    /**
     * Every index read; the codebook read for the non-zeros, multiplied into column sums (the energy model's terms:
     * a stored zero costs the read that finds it, no arithmetic, whatever the kernel does with it).
     */
    @Override
    public OperationCounts productCounts() {
        long entries = (long) rows * cols;
        long nnz = nonZeros();
        return new ProductCounts(rows, cols).bits("indices", (entries * width + 7) / 8, width, entries)
                .words("codebook", codebook.length, nnz).columnSums(nnz).build();
    }
}
