package org.sham4j.data.synth;

import java.util.SplittableRandom;

/** Draws from a discrete distribution in constant time (Vose's alias method). */
final class AliasTable {
    private final int[] outcomes;
    private final double[] keep;
    private final int[] alias;

    /** A table over {@code outcomes[k]} with weight {@code weights[k]} (non-negative, not all zero). */
    AliasTable(int[] outcomes, double[] weights) {
        int n = outcomes.length;
        if (n == 0 || weights.length != n) {
            throw new IllegalArgumentException("an alias table needs as many weights as outcomes, at least one");
        }
        double sum = total(weights);
        this.outcomes = outcomes.clone();
        keep = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int k = 0; k < n; k++) {
            scaled[k] = weights[k] * n / sum;
            if (scaled[k] < 1) {
                small[ns++] = k;
            } else {
                large[nl++] = k;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            keep[large[--nl]] = 1;
        }
        while (ns > 0) {
            keep[small[--ns]] = 1;
        }
    }

    /** The sum of {@code weights}, which must be finite, non-negative and not all zero. */
    static double total(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight " + w + " is not a finite non-negative number");
            }
            sum += w;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("every weight is zero");
        }
        return sum;
    }

    int draw(SplittableRandom rnd) {
        int k = rnd.nextInt(keep.length);
        return outcomes[rnd.nextDouble() < keep[k] ? k : alias[k]];
    }
}
