package org.sham4j.core.quant;

import java.util.Arrays;
import java.util.List;

/**
 * The sorted distinct values of a set of weights with their counts, and prefix sums of count, value and
 * squared value, so that the size, mean and squared error of any run of consecutive distinct values cost O(1).
 * Every quantizer clusters these instead of the raw weights. Sums are of values minus their overall mean, to
 * keep the squared errors accurate.
 */
final class Histogram {
    private final float[] values;
    private final double[] cumCount;
    private final double[] cumSum;
    private final double[] cumSq;
    private final double shift;

    private Histogram(float[] values, double[] cumCount, double[] cumSum, double[] cumSq, double shift) {
        this.values = values;
        this.cumCount = cumCount;
        this.cumSum = cumSum;
        this.cumSq = cumSq;
        this.shift = shift;
    }

    /**
     * The weights of all layers that are to be clustered: all of them, or only the non-zeros under
     * {@link Zeros#KEEP}. Negative zero is read as zero.
     *
     * @throws IllegalArgumentException on a NaN or infinite weight, or more weights than one array holds
     */
    static Histogram of(List<float[]> layers, Zeros zeros) {
        long n = 0;
        for (int l = 0; l < layers.size(); l++) {
            float[] w = layers.get(l);
            for (int i = 0; i < w.length; i++) {
                if (!Float.isFinite(w[i])) {
                    throw new IllegalArgumentException("weight " + i + " of layer " + l + " is " + w[i]);
                }
                if (zeros == Zeros.CLUSTER || w[i] != 0f) {
                    n++;
                }
            }
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " weights to quantize, at most " + (Integer.MAX_VALUE - 8));
        }
        float[] sorted = new float[(int) n];
        int p = 0;
        for (float[] w : layers) {
            for (float v : w) {
                if (zeros == Zeros.CLUSTER || v != 0f) {
                    sorted[p++] = v + 0f;
                }
            }
        }
        Arrays.sort(sorted);
        return ofSorted(sorted);
    }

    /** From finite values sorted ascending, without negative zeros. */
    static Histogram ofSorted(float[] sorted) {
        int d = 0;
        double total = 0;
        for (int i = 0; i < sorted.length; i++) {
            total += sorted[i];
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                d++;
            }
        }
        double shift = sorted.length == 0 ? 0 : total / sorted.length;
        float[] values = new float[d];
        double[] cumCount = new double[d + 1];
        double[] cumSum = new double[d + 1];
        double[] cumSq = new double[d + 1];
        int t = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                t++;
                values[t] = sorted[i];
                cumCount[t + 1] = cumCount[t];
                cumSum[t + 1] = cumSum[t];
                cumSq[t + 1] = cumSq[t];
            }
            double x = sorted[i] - shift;
            cumCount[t + 1]++;
            cumSum[t + 1] += x;
            cumSq[t + 1] += x * x;
        }
        return new Histogram(values, cumCount, cumSum, cumSq, shift);
    }

    /** Number of distinct values d. */
    int size() {
        return values.length;
    }

    /** Number of weights. */
    long total() {
        return (long) cumCount[values.length];
    }

    /** The i-th smallest distinct value. */
    float value(int i) {
        return values[i];
    }

    /** Number of weights with a value among distinct values i .. j-1. */
    double count(int i, int j) {
        return cumCount[j] - cumCount[i];
    }

    /** Mean of the weights with a value among distinct values i .. j-1 (i < j). */
    double mean(int i, int j) {
        return shift + (cumSum[j] - cumSum[i]) / (cumCount[j] - cumCount[i]);
    }

    /** Sum of squared deviations from their mean of the weights among distinct values i .. j-1 (i < j). */
    double sse(int i, int j) {
        double s = cumSum[j] - cumSum[i];
        double e = cumSq[j] - cumSq[i] - s * s / (cumCount[j] - cumCount[i]);
        return e > 0 ? e : 0;
    }

    /** Sum of squared distances to c of the weights among distinct values i .. j-1. */
    double sse(int i, int j, double c) {
        double a = c - shift;
        double n = cumCount[j] - cumCount[i];
        double e = cumSq[j] - cumSq[i] - 2 * a * (cumSum[j] - cumSum[i]) + a * a * n;
        return e > 0 ? e : 0;
    }

    /** Population variance of all weights (0 if none). */
    double variance() {
        int d = values.length;
        return d == 0 ? 0 : sse(0, d) / cumCount[d];
    }

    /** Index of the first distinct value greater than x (size() if none). */
    int upperBound(double x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the distinct value of the weight of rank r (0-based) in ascending order. */
    int indexOfRank(long r) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumCount[mid + 1] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
