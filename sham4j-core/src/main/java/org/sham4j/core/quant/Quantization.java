package org.sham4j.core.quant;

import java.util.Arrays;

/**
 * The result of quantizing one array of weights: a codebook of shared values (strictly ascending), the index
 * of the shared value of every weight, and the quality of the result.
 * <p>
 * Under {@link Zeros#KEEP} a weight equal to zero has the assignment {@link #ZERO} and stays exactly 0; the
 * codebook then holds only values given to non-zero weights, and k counts them. It contains 0 only if non-zero
 * weights are mapped to 0: {@link UniformQuantizer} with offset 0 does so with small weights, the other
 * quantizers only if the mean of a cluster rounds to 0. {@link #mse()} is over all weights, {@link #entropy()}
 * over the weights that were clustered.
 */
public final class Quantization {
    /** The assignment of a weight that was left out as an exact zero. */
    public static final int ZERO = -1;

    private final float[] codebook;
    private final int[] assignment;
    private final double mse;
    private final double entropy;
    private final long clustered;

    private Quantization(float[] codebook, int[] assignment, double mse, double entropy, long clustered) {
        this.codebook = codebook;
        this.assignment = assignment;
        this.mse = mse;
        this.entropy = entropy;
        this.clustered = clustered;
    }

    /** Measures the error and the entropy of an assignment of {@code weights} to {@code codebook}. */
    static Quantization of(float[] weights, float[] codebook, int[] assignment) {
        double[] counts = new double[codebook.length];
        double err = 0;
        long clustered = 0;
        for (int i = 0; i < weights.length; i++) {
            int a = assignment[i];
            if (a != ZERO) {
                counts[a]++;
                clustered++;
                double e = (double) weights[i] - codebook[a];
                err += e * e;
            }
        }
        double mse = weights.length == 0 ? 0 : err / weights.length;
        return new Quantization(codebook, assignment, mse, Stats.entropy(counts), clustered);
    }

    /** The shared values, strictly ascending (a copy). */
    public float[] codebook() {
        return codebook.clone();
    }

    /** The achieved number of shared values, at most the k asked for. */
    public int k() {
        return codebook.length;
    }

    /** The codebook index of each weight, or {@link #ZERO} (the backing array, not a copy: do not modify). */
    public int[] assignment() {
        return assignment;
    }

    /** Number of weights. */
    public int size() {
        return assignment.length;
    }

    /** Number of weights that were clustered (all but the kept zeros). */
    public long clustered() {
        return clustered;
    }

    /** Mean squared difference between the weights and their quantized values, over all weights. */
    public double mse() {
        return mse;
    }

    /** Empirical entropy in bits per clustered weight of the assignment (0 if none). */
    public double entropy() {
        return entropy;
    }

    /** The quantized value of weight i. */
    public float value(int i) {
        int a = assignment[i];
        return a == ZERO ? 0f : codebook[a];
    }

    /** Writes the quantized weights {@code codebook[assignment[i]]} (or 0) into {@code out}. */
    public void writeTo(float[] out) {
        if (out.length < assignment.length) {
            throw new IllegalArgumentException("output holds " + out.length + " floats, needs " + assignment.length);
        }
        for (int i = 0; i < assignment.length; i++) {
            int a = assignment[i];
            out[i] = a == ZERO ? 0f : codebook[a];
        }
    }

    /** The quantized weights in a new array. */
    public float[] toArray() {
        float[] out = new float[assignment.length];
        writeTo(out);
        return out;
    }

    @Override
    public String toString() {
        return "Quantization[k=" + codebook.length + ", n=" + assignment.length + ", mse=" + mse + ", entropy="
                + entropy + ", codebook=" + (codebook.length <= 8 ? Arrays.toString(codebook) : "...") + "]";
    }
}
