package org.sham4j.core.quant;

import java.util.ArrayList;
import java.util.List;

import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.prune.MagnitudePruner;

/**
 * Pruning then weight sharing of dense matrices, as the command line applies them: magnitude pruning of each
 * matrix to a sparsity, then quantization of the non-zeros (zeros kept). Inputs are not modified.
 */
public final class MatrixCompression {
    private MatrixCompression() {
    }

    /**
     * The compressed matrix and what it cost.
     *
     * @param matrix    the pruned and quantized matrix
     * @param sparsity  percent of its entries that are zero
     * @param quantizer the method, or "none"
     * @param k         the achieved number of shared non-zero values, or 0 if not quantized
     * @param mse       mean squared difference from the original matrix, over all entries
     * @param entropy   empirical entropy in bits per non-zero of the assignment, or 0 if not quantized
     * @param nanos     time spent pruning and quantizing (for a unified quantization, the time of all layers)
     */
    public record Result(DenseMatrix matrix, double sparsity, String quantizer, int k, double mse, double entropy,
            long nanos) {
    }

    /** Prunes {@code prunePercent} percent of the matrix, then quantizes it as spec says (null: no quantization). */
    public static Result apply(DenseMatrix m, double prunePercent, QuantizerSpec spec) {
        return applyUnified(List.of(m), prunePercent, spec).get(0);
    }

    /**
     * Prunes each matrix to {@code prunePercent} percent, then quantizes them all with one codebook (null
     * spec: no quantization).
     */
    public static List<Result> applyUnified(List<DenseMatrix> ms, double prunePercent, QuantizerSpec spec) {
        long start = System.nanoTime();
        List<float[]> layers = new ArrayList<>(ms.size());
        for (DenseMatrix m : ms) {
            layers.add(MagnitudePruner.prune(m.data(), prunePercent).weights());
        }
        List<Quantization> qs = spec == null ? null : spec.quantizer().quantizeAll(layers, spec.k(), Zeros.KEEP);
        long nanos = System.nanoTime() - start;
        List<Result> out = new ArrayList<>(ms.size());
        for (int l = 0; l < ms.size(); l++) {
            DenseMatrix m = ms.get(l);
            float[] w = qs == null ? layers.get(l) : qs.get(l).toArray();
            DenseMatrix r = new DenseMatrix(m.rows(), m.cols(), w);
            out.add(new Result(r, w.length == 0 ? 0 : 100.0 * (w.length - r.nonZeros()) / w.length,
                    spec == null ? "none" : spec.quantizer().name(), qs == null ? 0 : qs.get(l).k(),
                    mse(m.data(), w), qs == null ? 0 : qs.get(l).entropy(), nanos));
        }
        return out;
    }

    private static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            s += e * e;
        }
        return a.length == 0 ? 0 : s / a.length;
    }
}
