package org.sham4j.fuzz;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.memory.MemoryBudgetException;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;

/**
 * What the fuzz tests check beyond "no crash". A loader either accepts an input or refuses it with its documented
 * exception, an {@link InvalidInputException} (or a {@link MemoryBudgetException} for a declared shape the budget
 * cannot hold) with a message; anything else escapes and is a finding. An accepted matrix decodes, re-encodes to
 * the same bytes, and its products agree with its dense form on one thread and on several. An accepted model
 * writes back to the same bytes and runs on an input of its shape, or is refused with the runtime's documented
 * IllegalArgumentException or a MemoryBudgetException.
 */
final class Oracles {
    /** Entries up to which a matrix is decoded and multiplied. */
    static final long DECODE_LIMIT = 1 << 16;
    /** Floats up to which a model input is built and run. */
    private static final long RUN_LIMIT = 1 << 14;
    private static final ProductExecutor THREADS = new ProductExecutor(3);

    private Oracles() {
    }

    /** A loader. */
    @FunctionalInterface
    interface Load<T> {
        T load() throws IOException;
    }

    /** The value the loader gives, or null when it refused the input with its documented exception. */
    static <T> T accepted(Load<T> loader) throws IOException {
        try {
            return loader.load();
        } catch (InvalidInputException e) {
            requireMessage(e);
            return null;
        } catch (MemoryBudgetException e) {
            requireMessage(e);
            return null;
        }
    }

    private static void requireMessage(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("refusal without a message", e);
        }
    }

    /** Loads a {@code .shm} file and checks what it gives; returns whether it was accepted. */
    static boolean shmFile(byte[] file) throws IOException {
        CompressedMatrix m = accepted(() -> ShmFile.fromBytes(file));
        if (m == null) {
            return false;
        }
        if (file.length > 4 && file[4] >= 2) {
            check(Arrays.equals(file, ShmFile.toBytes(m)), "an accepted file writes back to other bytes");
            check(m.size().totalBytes() == file.length, "the size breakdown differs from the file's size");
        }
        matrix(m, file[4] >= 2 ? file : null);
        return true;
    }

    /**
     * Checks an accepted matrix: its non-zero count, and when small enough its dense form, the bytes of its format's
     * encoding of that dense form ({@code file}, when not null: a reader accepts only what the writer writes), and
     * its products.
     */
    static void matrix(CompressedMatrix m, byte[] file) {
        long nnz = m.nonZeros();
        long entries = (long) m.rows() * m.cols();
        check(nnz >= 0 && nnz <= entries, "non-zero count " + nnz + " outside 0.." + entries);
        if (entries > DECODE_LIMIT || m.rows() + (long) m.cols() > 4 * DECODE_LIMIT) {
            return;
        }
        DenseMatrix d = m.toDense();
        check(d.rows() == m.rows() && d.cols() == m.cols(), "dense form of another shape");
        check(d.nonZeros() == nnz, "non-zero count " + nnz + ", the dense form has " + d.nonZeros());
        CompressedMatrix again = m.format().encode(SparseMatrix.fromDense(d));
        check(again.toDense().bitEquals(d), "re-encoding the dense form changes it");
        if (file != null) {
            check(Arrays.equals(file, ShmFile.toBytes(again)),
                    "the file is not what the writer writes for its matrix (" + m.format().name() + ")");
        }
        products(m, d);
    }

    /** Products on one thread and on several against a double-precision reference, batches of 1 and 3. */
    static void products(CompressedMatrix m, DenseMatrix d) {
        int n = m.rows();
        int c = m.cols();
        float[] w = d.data();
        double largest = 0;
        for (float v : w) {
            if (!Float.isFinite(v) || Math.abs(v) > 1e18f) {
                return;
            }
            largest = Math.max(largest, Math.abs(v));
        }
        // Float sums of n terms err by up to about n ulps of the terms' magnitude; a format may add a value
        // common to a column (cser's implicit one) and subtract it again, so the magnitude counts the largest.
        double ulps = 4.0 * (n + 2) / (1 << 24);
        Random rnd = new Random(n * 31L + c);
        for (int batch : new int[] {1, 3}) {
            float[] x = new float[batch * n];
            for (int k = 0; k < x.length; k++) {
                x[k] = rnd.nextInt(5) == 0 ? 0f : (float) rnd.nextGaussian();
            }
            float[] y1 = new float[batch * c];
            float[] y2 = new float[batch * c];
            m.multiply(x, batch, y1);
            m.multiply(x, batch, y2, THREADS);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < c; j++) {
                    double ref = 0;
                    double scale = 0;
                    for (int i = 0; i < n; i++) {
                        double t = (double) x[b * n + i] * w[i * c + j];
                        ref += t;
                        scale += Math.abs(x[b * n + i]) * (Math.abs(w[i * c + j]) + largest);
                    }
                    double tol = ulps * scale + 1e-30;
                    check(Math.abs(y1[b * c + j] - ref) <= tol && Math.abs(y2[b * c + j] - ref) <= tol,
                            m.format().name() + " product (" + b + ", " + j + ") is " + y1[b * c + j] + " on one thread, "
                                    + y2[b * c + j] + " on three, the reference " + ref);
                }
            }
        }
    }

    /** Loads a {@code .sham} model and checks it; returns whether it was accepted. */
    static boolean shamFile(byte[] file) throws IOException {
        Graph g = accepted(() -> ModelFile.fromBytes(file));
        if (g == null) {
            return false;
        }
        byte[] written = ModelFile.toBytes(g);
        if (file.length > 8 && file[8] == ModelFile.VERSION) {
            check(Arrays.equals(file, written), "an accepted model writes back to other bytes");
        } else {
            check(Arrays.equals(written, ModelFile.toBytes(ModelFile.fromBytes(written))),
                    "an older model, written in the current version, does not read back to the same bytes");
        }
        model(g);
        return true;
    }

    /**
     * Runs an accepted model on an input of its shape (a batch of 2, unknown sizes 2) on one and on two threads:
     * it gives the same outputs, or the runtime refuses it with an IllegalArgumentException or a
     * MemoryBudgetException. Models whose weights are too large to decode cheaply, or whose input is, are not run.
     */
    static void model(Graph g) {
        Map<String, Tensor> feed = new HashMap<>();
        Random rnd = new Random(g.nodes().size());
        for (InputSpec in : g.inputs()) {
            int[] shape = new int[in.shape().length + 1];
            shape[0] = 2;
            long size = 2;
            for (int k = 0; k < in.shape().length; k++) {
                shape[k + 1] = in.shape()[k] < 0 ? 2 : in.shape()[k];
                size *= shape[k + 1];
                if (size > RUN_LIMIT) {
                    return;
                }
            }
            float[] data = new float[(int) size];
            for (int k = 0; k < data.length; k++) {
                data[k] = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : (float) rnd.nextGaussian();
            }
            feed.put(in.name(), new Tensor(shape, data));
        }
        if (!Workload.small(g, feed)) {
            return;
        }
        Map<String, Tensor> one;
        Map<String, Tensor> two;
        try (GraphRunner a = new GraphRunner(g, 1); GraphRunner b = new GraphRunner(g, 2)) {
            one = a.run(feed);
            two = b.run(feed);
        } catch (IllegalArgumentException | MemoryBudgetException e) {
            requireMessage(e);
            return;
        }
        check(one.keySet().equals(two.keySet()), "outputs differ by name");
        for (String k : one.keySet()) {
            float[] p = one.get(k).data();
            float[] q = two.get(k).data();
            check(Arrays.equals(one.get(k).shape(), two.get(k).shape()), "output " + k + " differs in shape");
            for (int i = 0; i < p.length; i++) {
                boolean same = Float.compare(p[i], q[i]) == 0
                        || Math.abs(p[i] - q[i]) <= 1e-4 * Math.max(1, Math.max(Math.abs(p[i]), Math.abs(q[i])));
                if (!same && Float.isFinite(p[i]) && Float.isFinite(q[i])) {
                    // The message is built only on failure: an output may hold millions of values.
                    check(false, "output " + k + "[" + i + "] is " + p[i] + " on one thread, " + q[i] + " on two");
                }
            }
        }
    }

    static void check(boolean ok, String failure) {
        if (!ok) {
            throw new AssertionError(failure);
        }
    }
}
