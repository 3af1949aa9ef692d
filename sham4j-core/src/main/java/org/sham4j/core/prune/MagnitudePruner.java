package org.sham4j.core.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Magnitude pruning: the weights of least magnitude are set to zero. Inputs are not modified. A target in
 * percent prunes exactly round(p * n / 100) weights, ties in magnitude being broken by position (layer order,
 * then index), so the sparsity is within one weight of the target; exact zeros, having the least magnitude,
 * are pruned first.
 */
public final class MagnitudePruner {
    private MagnitudePruner() {
    }

    /** Prunes p percent of one layer. */
    public static PruneResult prune(float[] weights, double percent) {
        return pruneGlobal(List.of(weights), percent).get(0);
    }

    /** Prunes p percent of each layer on its own. */
    public static List<PruneResult> prunePerLayer(List<float[]> layers, double percent) {
        List<PruneResult> out = new ArrayList<>(layers.size());
        for (float[] w : layers) {
            out.add(prune(w, percent));
        }
        return out;
    }

    /** Prunes p percent of all the weights of the layers with one threshold: layers may end up unequally sparse. */
    public static List<PruneResult> pruneGlobal(List<float[]> layers, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("sparsity must be between 0 and 100 percent, got " + percent);
        }
        long n = 0;
        for (float[] w : layers) {
            checkFinite(w);
            n += w.length;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " weights, at most " + (Integer.MAX_VALUE - 8) + " at once");
        }
        long target = Math.round(percent * n / 100);
        if (target == 0) {
            return pruneBelow(layers, 0f, 0);
        }
        float[] mags = new float[(int) n];
        int p = 0;
        for (float[] w : layers) {
            for (float v : w) {
                mags[p++] = Math.abs(v);
            }
        }
        Arrays.sort(mags);
        float tau = mags[(int) target - 1];
        int below = 0;
        while (below < target && mags[below] < tau) {
            below++;
        }
        return pruneBelow(layers, tau, target - below);
    }

    /**
     * Prunes the weights of magnitude below lambda times the standard deviation of the layer (Han et al.); the
     * sparsity follows from the distribution.
     */
    public static PruneResult pruneByStd(float[] weights, double lambda) {
        if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("lambda must be finite and non-negative, got " + lambda);
        }
        checkFinite(weights);
        double sum = 0;
        double sq = 0;
        for (float v : weights) {
            sum += v;
            sq += (double) v * v;
        }
        int n = weights.length;
        double std = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - (sum / n) * (sum / n)));
        float tau = (float) (lambda * std);
        return pruneBelow(List.of(weights), tau, 0).get(0);
    }

    /** Prunes the weights of magnitude below tau, and the first {@code atTau} of magnitude exactly tau. */
    private static List<PruneResult> pruneBelow(List<float[]> layers, float tau, long atTau) {
        List<PruneResult> out = new ArrayList<>(layers.size());
        long quota = atTau;
        for (float[] w : layers) {
            float[] pruned = w.clone();
            long[] kept = PruneMask.none(w.length);
            float largest = 0f;
            for (int i = 0; i < w.length; i++) {
                float m = Math.abs(w[i]);
                boolean cut = m < tau || (m == tau && quota > 0);
                if (cut) {
                    if (m == tau) {
                        quota--;
                    }
                    pruned[i] = 0f;
                    largest = Math.max(largest, m);
                } else {
                    PruneMask.keep(kept, i);
                }
            }
            out.add(new PruneResult(pruned, new PruneMask(kept, w.length), largest));
        }
        return out;
    }

    private static void checkFinite(float[] w) {
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + w[i]);
            }
        }
    }
}
