package org.sham4j.core.quant;

import java.util.Arrays;
import java.util.List;

/**
 * Fine-tuning of shared weights (Han et al.): the assignment of every weight stays fixed while the codebook
 * learns. The gradient of a shared value is the sum of the gradients of the weights that share it; kept zeros
 * take no part and stay 0. One codebook may serve several layers (unified quantization). After updates the
 * codebook need no longer be sorted. Not thread-safe.
 */
public final class SharedWeights {
    private final float[] codebook;
    private final int[][] assignments;

    private SharedWeights(float[] codebook, int[][] assignments) {
        this.codebook = codebook;
        this.assignments = assignments;
    }

    /** The codebook (copied) and assignment of one quantized array. */
    public static SharedWeights of(Quantization q) {
        return of(List.of(q));
    }

    /**
     * Several layers quantized with one codebook, as by {@link Quantizer#quantizeAll}.
     *
     * @throws IllegalArgumentException if the layers do not share the same codebook
     */
    public static SharedWeights of(List<Quantization> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers");
        }
        float[] codebook = layers.get(0).codebook();
        int[][] a = new int[layers.size()][];
        for (int l = 0; l < a.length; l++) {
            if (!Arrays.equals(codebook, layers.get(l).codebook())) {
                throw new IllegalArgumentException("layer " + l + " has another codebook than layer 0");
            }
            a[l] = layers.get(l).assignment();
        }
        return new SharedWeights(codebook, a);
    }

    /** Number of layers. */
    public int layers() {
        return assignments.length;
    }

    /** Number of shared values. */
    public int k() {
        return codebook.length;
    }

    /** The current shared values (a copy). */
    public float[] codebook() {
        return codebook.clone();
    }

    /** The gradient of each shared value: the sum of {@code grad} over the weights of its cluster (one layer). */
    public double[] clusterGradients(float[] grad) {
        return clusterGradients(List.of(grad));
    }

    /** The gradient of each shared value, summed over all layers; one gradient per layer, full size. */
    public double[] clusterGradients(List<float[]> grads) {
        if (grads.size() != assignments.length) {
            throw new IllegalArgumentException(grads.size() + " gradients for " + assignments.length + " layers");
        }
        double[] g = new double[codebook.length];
        for (int l = 0; l < assignments.length; l++) {
            int[] a = assignments[l];
            float[] grad = grads.get(l);
            if (grad.length != a.length) {
                throw new IllegalArgumentException("gradient of layer " + l + " holds " + grad.length
                        + " floats, the layer " + a.length);
            }
            for (int i = 0; i < a.length; i++) {
                if (a[i] != Quantization.ZERO) {
                    g[a[i]] += grad[i];
                }
            }
        }
        return g;
    }

    /** Adds {@code delta[j]} to shared value j. */
    public void applyUpdate(float[] delta) {
        if (delta.length != codebook.length) {
            throw new IllegalArgumentException(delta.length + " updates for " + codebook.length + " shared values");
        }
        for (int j = 0; j < codebook.length; j++) {
            codebook[j] += delta[j];
        }
    }

    /** A gradient descent step on the codebook: value j -= rate * (sum of the gradients of its cluster). */
    public void step(List<float[]> grads, double rate) {
        double[] g = clusterGradients(grads);
        for (int j = 0; j < codebook.length; j++) {
            codebook[j] = (float) (codebook[j] - rate * g[j]);
        }
    }

    /** {@link #step(List, double)} for a single layer. */
    public void step(float[] grad, double rate) {
        step(List.of(grad), rate);
    }

    /** Writes the current weights of a layer: its shared value for each weight, 0 for a kept zero. */
    public void writeWeights(int layer, float[] out) {
        int[] a = assignments[layer];
        if (out.length < a.length) {
            throw new IllegalArgumentException("output holds " + out.length + " floats, needs " + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == Quantization.ZERO ? 0f : codebook[a[i]];
        }
    }
}
