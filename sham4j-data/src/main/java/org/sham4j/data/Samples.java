package org.sham4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sham4j.core.matrix.Tensor;

/**
 * Samples with one target each and one or more inputs. Each input is a table of rows (M, ...) and, per sample,
 * the row it uses: a plain input has a table of N rows used in order; a drug-target pair points into a table of
 * drugs and a table of proteins without copying them. Immutable.
 */
public final class Samples {
    private final List<Tensor> tables;
    private final List<int[]> rows;
    private final float[] targets;

    private Samples(List<Tensor> tables, List<int[]> rows, float[] targets) {
        if (tables.isEmpty() || tables.size() != rows.size()) {
            throw new IllegalArgumentException("samples need at least one input and one row index per input");
        }
        for (int k = 0; k < tables.size(); k++) {
            Tensor t = tables.get(k);
            if (t.rank() < 1) {
                throw new IllegalArgumentException("input " + k + " has no sample axis");
            }
            int[] r = rows.get(k);
            int n = r == null ? t.dim(0) : r.length;
            if (n != targets.length) {
                throw new IllegalArgumentException("input " + k + " has " + n + " samples, the targets "
                        + targets.length);
            }
            if (r != null) {
                for (int i : r) {
                    if (i < 0 || i >= t.dim(0)) {
                        throw new IllegalArgumentException("input " + k + " row " + i + " outside 0.." + t.dim(0));
                    }
                }
            }
        }
        this.tables = List.copyOf(tables);
        this.rows = new ArrayList<>(rows);
        this.targets = targets;
    }

    /** Samples whose inputs hold one row per sample: each tensor is (N, ...). */
    public static Samples of(List<Tensor> inputs, float[] targets) {
        List<int[]> identity = new ArrayList<>();
        inputs.forEach(t -> identity.add(null));
        return new Samples(inputs, identity, targets);
    }

    /** Samples whose input k takes row {@code rows.get(k)[i]} of {@code tables.get(k)} for sample i. */
    public static Samples indexed(List<Tensor> tables, List<int[]> rows, float[] targets) {
        return new Samples(tables, rows, targets);
    }

    public int size() {
        return targets.length;
    }

    public int inputCount() {
        return tables.size();
    }

    /** The shape of one sample of input {@code k}, without the batch axis. */
    public int[] sampleShape(int k) {
        int[] s = tables.get(k).shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /** The targets, one per sample (not a copy). */
    public float[] targets() {
        return targets;
    }

    /** The table of input {@code k}: its rows (M, ...), which {@link #rows(int)} picks from (not a copy). */
    public Tensor table(int k) {
        return tables.get(k);
    }

    /** The row of input {@code k}'s table each sample uses, or null when sample i uses row i. */
    public int[] rows(int k) {
        int[] r = rows.get(k);
        return r == null ? null : r.clone();
    }

    /** Input {@code k} of every sample as one tensor (N, ...). */
    public Tensor input(int k) {
        return rows.get(k) == null ? tables.get(k) : gather(k, rows.get(k));
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
    public Batch batch(int from, int to) {
        int[] idx = new int[to - from];
        Arrays.setAll(idx, i -> from + i);
        return batch(idx);
    }

    /** The samples at these positions, in this order. */
    public Batch batch(int[] positions) {
        List<Tensor> inputs = new ArrayList<>();
        for (int k = 0; k < tables.size(); k++) {
            int[] r = rows.get(k);
            int[] tableRows = positions.clone();
            if (r != null) {
                for (int i = 0; i < tableRows.length; i++) {
                    tableRows[i] = r[positions[i]];
                }
            }
            inputs.add(gather(k, tableRows));
        }
        float[] t = new float[positions.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = targets[positions[i]];
        }
        return new Batch(inputs, t);
    }

    /** The samples at these positions, as a new set sharing the tables. */
    public Samples select(int[] positions) {
        List<int[]> newRows = new ArrayList<>();
        for (int[] r : rows) {
            int[] nr = new int[positions.length];
            for (int i = 0; i < nr.length; i++) {
                nr[i] = r == null ? positions[i] : r[positions[i]];
            }
            newRows.add(nr);
        }
        float[] t = new float[positions.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = targets[positions[i]];
        }
        return new Samples(tables, newRows, t);
    }

    /** The positions 0..size-1 in an order shuffled by {@code random}, cut into batches of {@code batchSize}. */
    public List<int[]> shuffledBatches(int batchSize, Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        int n = size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            out.add(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
        }
        return out;
    }

    private Tensor gather(int k, int[] tableRows) {
        Tensor table = tables.get(k);
        int[] shape = table.shape();
        shape[0] = 1;
        int width = (int) Tensor.size(shape);
        float[] out = new float[tableRows.length * width];
        for (int i = 0; i < tableRows.length; i++) {
            System.arraycopy(table.data(), tableRows[i] * width, out, i * width, width);
        }
        shape[0] = tableRows.length;
        return new Tensor(shape, out);
    }
}
