package org.sham4j.core.format.cser;

import java.io.IOException;
import java.util.Arrays;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.RowBlockedMatrix;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * CSER arrays: codebook and the index of the implicit value; per row a run of groups (rowPtr); per group its
 * codebook index and a run of column indices (groupPtr, colIdx). All indices int32.
 */
final class CserStored extends RowBlockedMatrix {
    private final float[] codebook;
    private final int implicit;
    private final int[] rowPtr;
    private final int[] groupValue;
    private final int[] groupPtr;
    private final int[] colIdx;
    /** codebook[v] minus the implicit value: what a listed entry adds over the implicit one. */
    private final float[] delta;

    private CserStored(int rows, int cols, float[] codebook, int implicit, int[] rowPtr, int[] groupValue,
                       int[] groupPtr, int[] colIdx) {
        super(rows, cols);
        this.codebook = codebook;
        this.implicit = implicit;
        this.rowPtr = rowPtr;
        this.groupValue = groupValue;
        this.groupPtr = groupPtr;
        this.colIdx = colIdx;
        this.delta = new float[codebook.length];
        for (int v = 0; v < codebook.length; v++) {
            delta[v] = codebook[v] - implicitValue();
        }
    }

    private float implicitValue() {
        return codebook.length == 0 ? 0f : codebook[implicit];
    }

    static CserStored build(SparseMatrix m) {
        int n = m.rows();
        int c = m.cols();
        ValueAlphabet alphabet = ValueAlphabet.of(m.values(), m.nnz(), m.entries() - m.nnz());
        int k = alphabet.size();
        float[] codebook = new float[k];
        for (int s = 0; s < k; s++) {
            codebook[s] = alphabet.value(s);
        }
        int implicit = Math.max(0, alphabet.mostFrequent());
        boolean zeroImplicit = k == 0 || codebook[implicit] == 0f;
        SparseMatrix rowsView = m.transpose();
        int[] ptr = rowsView.colPtr();
        int[] ci = rowsView.rowIdx();
        float[] cv = rowsView.values();
        int[] rowPtr = new int[n + 1];
        IntList groupValue = new IntList();
        IntList groupPtr = new IntList();
        IntList colIdx = new IntList();
        groupPtr.add(0);
        long[] keyed = new long[c];
        for (int i = 0; i < n; i++) {
            int count = 0;
            if (zeroImplicit) {
                for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                    keyed[count++] = ((long) alphabet.symbolOf(cv[p]) << 32) | ci[p];
                }
            } else {
                int p = ptr[i];
                for (int j = 0; j < c; j++) {
                    float v = p < ptr[i + 1] && ci[p] == j ? cv[p++] : 0f;
                    int s = alphabet.symbolOf(v);
                    if (s != implicit) {
                        keyed[count++] = ((long) s << 32) | j;
                    }
                }
            }
            Arrays.sort(keyed, 0, count);
            for (int t = 0; t < count; t++) {
                int s = (int) (keyed[t] >>> 32);
                if (t == 0 || s != (int) (keyed[t - 1] >>> 32)) {
                    if (t > 0) {
                        groupPtr.add(colIdx.size());
                    }
                    groupValue.add(s);
                }
                colIdx.add((int) keyed[t]);
            }
            if (count > 0) {
                groupPtr.add(colIdx.size());
            }
            rowPtr[i + 1] = groupValue.size();
        }
        return new CserStored(n, c, codebook, implicit, rowPtr, groupValue.toArray(), groupPtr.toArray(),
                colIdx.toArray());
    }

    static CserStored read(int rows, int cols, PayloadInput in) throws IOException {
        long entries = (long) rows * cols;
        int k = in.readCount("codebook size", Math.min(entries, in.remaining() / 4));
        PayloadInput.check(k > 0 || entries == 0, "empty codebook for a non-empty matrix");
        int implicit = in.readCount("implicit value index", Math.max(0, k - 1));
        int groups = in.readCount("group count", Math.min(entries, in.remaining() / 8));
        int listed = in.readCount("listed entry count", Math.min(entries, in.remaining() / 4));
        float[] codebook = in.readFloats(k, "codebook");
        int[] rowPtr = in.readInts(rows + 1, "row pointers");
        int[] groupValue = in.readInts(groups, "group values");
        int[] groupPtr = in.readInts(groups + 1, "group pointers");
        int[] colIdx = in.readInts(listed, "column indices");
        PayloadInput.checkPointers(rowPtr, groups, "row pointers");
        PayloadInput.checkPointers(groupPtr, listed, "group pointers");
        int[] row = new int[0];
        for (int i = 0; i < rows; i++) {
            int prevValue = -1;
            for (int g = rowPtr[i]; g < rowPtr[i + 1]; g++) {
                int v = groupValue[g];
                PayloadInput.check(v > prevValue && v < k && v != implicit,
                        "group value out of range, repeated or out of order at group " + g);
                prevValue = v;
                PayloadInput.check(groupPtr[g] < groupPtr[g + 1], "empty group " + g);
                for (int p = groupPtr[g] + 1; p < groupPtr[g + 1]; p++) {
                    PayloadInput.check(colIdx[p] > colIdx[p - 1], "column indices out of order in group " + g);
                }
                PayloadInput.check(colIdx[groupPtr[g]] >= 0 && colIdx[groupPtr[g + 1] - 1] < cols,
                        "column index out of range in group " + g);
            }
            // A column may appear in one group of its row only: sort the row's columns to find a repeat.
            int from = groupPtr[rowPtr[i]];
            int to = groupPtr[rowPtr[i + 1]];
            if (rowPtr[i + 1] - rowPtr[i] > 1) {
                if (row.length < to - from) {
                    row = new int[to - from];
                }
                System.arraycopy(colIdx, from, row, 0, to - from);
                Arrays.sort(row, 0, to - from);
                for (int p = 1; p < to - from; p++) {
                    PayloadInput.check(row[p] != row[p - 1], "column " + row[p] + " repeated in row " + i);
                }
            }
        }
        checkCanonical(codebook, implicit, entries - listed, groupValue, groupPtr);
        return new CserStored(rows, cols, codebook, implicit, rowPtr, groupValue, groupPtr, colIdx);
    }

    /**
     * Refuses what the writer would not write: a codebook out of bit order or holding -0, a value never used,
     * an implicit value other than the most frequent (the first of equals).
     */
    private static void checkCanonical(float[] codebook, int implicit, long implicitCount, int[] groupValue,
                                       int[] groupPtr) throws IOException {
        ValueAlphabet.checkCodebook(codebook, "codebook");
        long[] counts = new long[codebook.length];
        if (counts.length > 0) {
            counts[implicit] = implicitCount;
        }
        for (int g = 0; g < groupValue.length; g++) {
            counts[groupValue[g]] += groupPtr[g + 1] - groupPtr[g];
        }
        int most = 0;
        for (int s = 0; s < counts.length; s++) {
            PayloadInput.check(counts[s] > 0, "codebook value " + s + " is never used");
            if (counts[s] > counts[most]) {
                most = s;
            }
        }
        PayloadInput.check(counts.length == 0 || most == implicit, "the implicit value is not the most frequent");
    }

    @Override
    public long nonZeros() {
        long nnz = implicitValue() == 0f ? 0 : (long) rows * cols - colIdx.length;
        for (int g = 0; g < groupValue.length; g++) {
            if (codebook[groupValue[g]] != 0f) {
                nnz += groupPtr[g + 1] - groupPtr[g];
            }
        }
        return nnz;
    }

    @Override
    public MatrixFormat format() {
        return CserFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        Arrays.fill(d.data(), implicitValue());
        for (int i = 0; i < rows; i++) {
            for (int g = rowPtr[i]; g < rowPtr[i + 1]; g++) {
                float v = codebook[groupValue[g]];
                for (int p = groupPtr[g]; p < groupPtr[g + 1]; p++) {
                    d.set(i, colIdx[p], v);
                }
            }
        }
        return d;
    }

    @Override
    protected void accumulateRows(float[] xt, int batch, float[] acc, int from, int to) {
        float omega = implicitValue();
        float[] xs = new float[batch];
        for (int i = from; i < to; i++) {
            int xb = i * batch;
            for (int b = 0; b < batch; b++) {
                xs[b] += xt[xb + b];
            }
            for (int g = rowPtr[i], gEnd = rowPtr[i + 1]; g < gEnd; g++) {
                float d = delta[groupValue[g]];
                if (batch == 1) {
                    float s = d * xt[i];
                    for (int p = groupPtr[g], end = groupPtr[g + 1]; p < end; p++) {
                        acc[colIdx[p]] += s;
                    }
                } else {
                    for (int p = groupPtr[g], end = groupPtr[g + 1]; p < end; p++) {
                        int base = colIdx[p] * batch;
                        for (int b = 0; b < batch; b++) {
                            acc[base + b] += d * xt[xb + b];
                        }
                    }
                }
            }
        }
        if (omega != 0f) {
            for (int j = 0; j < cols; j++) {
                for (int b = 0; b < batch; b++) {
                    acc[j * batch + b] += omega * xs[b];
                }
            }
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(codebook.length);
        out.writeVarLong(implicit);
        out.writeVarLong(groupValue.length);
        out.writeVarLong(colIdx.length);
        out.part(SizeBreakdown.CODEBOOK);
        out.writeFloats(codebook, 0, codebook.length);
        out.part(SizeBreakdown.INDICES);
        out.writeInts(rowPtr, 0, rowPtr.length);
        out.writeInts(groupValue, 0, groupValue.length);
        out.writeInts(groupPtr, 0, groupPtr.length);
        out.writeInts(colIdx, 0, colIdx.length);
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[16];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /**
     * Row pointers and x once per row; per group its value (one product d·x[i]) and pointer; per listed entry its
     * column and an update of y. A non-zero implicit value adds sum(x) times it to every output.
     */
    @Override
    public OperationCounts productCounts() {
        long groups = groupValue.length;
        long listed = colIdx.length;
        ProductCounts c = new ProductCounts(rows, cols).words("row pointers", rows + 1L, rows + 1L).input(rows)
                .words("group values", groups, groups).words("codebook", codebook.length, groups)
                .words("group pointers", groups + 1, groups == 0 ? 0 : groups + 1)
                .words("column indices", listed, listed);
        c.counts().multiply(groups);
        long updates = listed;
        if (implicitValue() != 0f) {
            c.counts().add(rows).multiply(1);
            updates += cols;
        }
        return c.scatter(updates).build();
    }
}
