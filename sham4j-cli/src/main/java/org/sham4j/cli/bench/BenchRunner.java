package org.sham4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sham4j.cli.UsageException;
import org.sham4j.core.energy.EnergyCosts;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.InformationLimit;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PaperAccounting;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.format.ValueAlphabet;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Encodes one matrix in each format and measures size, build time, product times and product error
 * against a double-precision reference, and estimates the energy of one product.
 */
public final class BenchRunner {
    private final int threads;
    private final int batch;
    private final int repeat;
    private final int forks;

    /**
     * A runner; {@code repeat} 0 skips the timings (sizes and errors only); {@code forks} JVMs of their own time
     * each format one after the other ({@link ForkedTiming}) and each time is their median, or 0 times it in this
     * one.
     */
    public BenchRunner(int threads, int batch, int repeat, int forks) {
        if (threads < 1 || batch < 1 || repeat < 0 || forks < 0) {
            throw new UsageException("threads and batch must be at least 1, repeat and forks at least 0");
        }
        this.threads = threads;
        this.batch = batch;
        this.repeat = repeat;
        this.forks = forks;
    }

    /** Facts about the matrix that every format's record shares. */
    public record MatrixFacts(String name, SparseMatrix matrix, int distinct, double informationLimitBits,
                              Map<String, Object> preparation, float[] x, double[] reference,
                              Map<String, Double> paperBits) {
    }

    /** Computes the shared facts: distinct values, information limit, inputs and reference product. */
    public MatrixFacts facts(String name, SparseMatrix m, Map<String, Object> preparation) {
        int distinct = ValueAlphabet.of(m.values(), m.nnz(), 0).size();
        float[] x = new float[batch * m.rows()];
        Random rnd = new Random(20261123L);
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) rnd.nextGaussian();
        }
        return new MatrixFacts(name, m, distinct, InformationLimit.bits(m), preparation, x, reference(m, x, batch),
                PaperAccounting.bits(m));
    }

    /** y = x^T W in double for a row-major batch, from the CSC entries. */
    static double[] reference(SparseMatrix m, float[] x, int batch) {
        int n = m.rows();
        int c = m.cols();
        double[] y = new double[batch * c];
        int[] ptr = m.colPtr();
        int[] ri = m.rowIdx();
        float[] v = m.values();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                    s += (double) x[b * n + ri[p]] * v[p];
                }
                y[b * c + j] = s;
            }
        }
        return y;
    }

    /**
     * Builds, checks and times one format on the matrix. A format that cannot hold it throws a
     * {@link org.sham4j.core.format.FormatLimitException} (or, past the heap, a MemoryBudgetException).
     */
    public BenchRecord run(MatrixFacts f, MatrixFormat format, ProductExecutor executor) {
        SparseMatrix m = f.matrix();
        PeakHeap.reset();
        long t0 = System.nanoTime();
        CompressedMatrix c = format.encode(m);
        long buildNanos = System.nanoTime() - t0;
        long bytes = c.size().totalBytes();
        Map<String, Long> parts = new LinkedHashMap<>(c.size().parts());

        int n = m.rows();
        int cols = m.cols();
        float[] y1 = new float[cols];
        float[] yb = new float[batch * cols];
        float[] x1 = java.util.Arrays.copyOf(f.x(), n);
        c.multiply(x1, 1, y1);
        c.multiply(f.x(), batch, yb);
        double err = Math.max(maxAbsError(y1, f.reference(), 1, cols), maxAbsError(yb, f.reference(), batch, cols));
        if (threads > 1) {
            c.multiply(x1, 1, y1, executor);
            c.multiply(f.x(), batch, yb, executor);
            err = Math.max(err, Math.max(maxAbsError(y1, f.reference(), 1, cols),
                    maxAbsError(yb, f.reference(), batch, cols)));
        }
        OperationCounts counts = c.productCounts();
        double upperBoundBits = c.upperBoundBits().orElse(Double.NaN);
        boolean forked = forks > 0 && repeat > 0 && ForkedTiming.fits(bytes);
        List<ProductTimes> runs = new ArrayList<>();
        if (forked) {
            // The children read the matrix from its file: this JVM lets go of it while they run.
            try (ForkedTiming.Saved saved = new ForkedTiming.Saved(c, f.x())) {
                c = null;
                for (int k = 0; k < forks; k++) {
                    runs.add(ForkedTiming.measure(saved, m.nnz(), batch, threads, repeat));
                }
            }
        } else if (repeat > 0) {
            runs.add(ProductTimes.measure(c, f.x(), batch, executor, repeat));
        }
        ProductTimes t = runs.isEmpty() ? null : ProductTimes.median(runs);
        double vectorSpread = t == null ? Double.NaN : ProductTimes.spread(runs, ProductTimes::vector);
        double batchSpread = t == null ? Double.NaN : ProductTimes.spread(runs, ProductTimes::batch);
        Long vec = t == null ? null : t.vector();
        Long bat = t == null ? null : t.batch();
        Long vecT = t == null ? null : t.vectorThreaded();
        Long batT = t == null ? null : t.batchThreaded();
        return new BenchRecord(f.name(), n, cols, m.nnz(), f.distinct(), format.name(), bytes, parts,
                upperBoundBits, f.informationLimitBits(), buildNanos, batch, threads,
                vec, bat, vecT, batT, err, EnergyCosts.HOROWITZ_45NM.picojoules(counts),
                EnergyCosts.HOROWITZ_45NM.breakdown(counts), f.preparation(), PeakHeap.bytes(), forked,
                forked ? forks : 0, vectorSpread, batchSpread, f.paperBits().getOrDefault(format.name(), Double.NaN));
    }

    private static double maxAbsError(float[] y, double[] ref, int batch, int cols) {
        double err = 0;
        for (int k = 0; k < batch * cols; k++) {
            err = Math.max(err, Math.abs(y[k] - ref[k]));
        }
        return err;
    }

    public int threads() {
        return threads;
    }

}
