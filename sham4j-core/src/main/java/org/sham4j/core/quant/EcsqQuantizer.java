package org.sham4j.core.quant;

import java.util.function.Predicate;

/**
 * Entropy-constrained scalar quantization (ECSQ): minimises mse + lambda * entropy (entropy in bits per
 * weight of the assignment, lambda in squared weight units per bit) by the Lagrangian Lloyd iterations of
 * Chou, Lookabaugh &amp; Gray, from centres evenly spaced between the smallest and the largest weight. The
 * iterations find a local optimum; as lambda grows the entropy falls and clusters die out. Three modes:
 * <ul>
 * <li>{@link #EcsqQuantizer()}: starts from min(d, {@value #OVERCOMPLETE} k) centres and takes the least
 * lambda (found by bisection) that leaves at most k of them;</li>
 * <li>{@link #withLambda(double)}: a fixed lambda from k centres;</li>
 * <li>{@link #forEntropy(double)}: the least lambda from k centres whose entropy is at most a target.</li>
 * </ul>
 * For lambda large enough the optimum is a single cluster (entropy 0); if the iterations stall above the
 * target (only exact ties between cluster sizes can cause that), that single cluster is the result.
 */
public final class EcsqQuantizer extends HistogramQuantizer {
    /** Centres at the start of the search for k values, as a multiple of k. */
    public static final int OVERCOMPLETE = 4;
    private static final int DOUBLINGS = 80;
    private static final int BISECTIONS = 30;

    private final double lambda;
    private final double targetEntropy;

    private EcsqQuantizer(double lambda, double targetEntropy) {
        this.lambda = lambda;
        this.targetEntropy = targetEntropy;
    }

    /** Searches the least lambda that yields at most k values. */
    public EcsqQuantizer() {
        this(Double.NaN, Double.NaN);
    }

    /** A fixed lambda (squared weight units per bit), starting from k centres. */
    public static EcsqQuantizer withLambda(double lambda) {
        if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("lambda must be finite and non-negative, got " + lambda);
        }
        return new EcsqQuantizer(lambda, Double.NaN);
    }

    /** Searches the least lambda whose entropy is at most {@code bits}, starting from k centres. */
    public static EcsqQuantizer forEntropy(double bits) {
        if (!(bits >= 0 && bits < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("target entropy must be finite and non-negative, got " + bits);
        }
        return new EcsqQuantizer(Double.NaN, bits);
    }

    @Override
    public String name() {
        if (!Double.isNaN(lambda)) {
            return "ecsq(lambda=" + lambda + ")";
        }
        return Double.isNaN(targetEntropy) ? "ecsq" : "ecsq(entropy<=" + targetEntropy + ")";
    }

    @Override
    Codes fit(Histogram h, int k) {
        if (!Double.isNaN(lambda)) {
            return run(h, k, lambda);
        }
        if (Double.isNaN(targetEntropy)) {
            int start = (int) Math.min(h.size(), (long) OVERCOMPLETE * k);
            return search(h, start, p -> p.size() <= k);
        }
        return search(h, k, p -> p.entropy(h) <= targetEntropy);
    }

    private static Partition run(Histogram h, int centres, double lambda) {
        return Lloyd.run(h, Seeding.linear(h, centres), lambda);
    }

    /** The result for the least lambda that satisfies {@code ok}, by doubling then bisection. */
    private static Partition search(Histogram h, int centres, Predicate<Partition> ok) {
        Partition best = run(h, centres, 0);
        if (ok.test(best)) {
            return best;
        }
        double lo = 0;
        double hi = h.variance() / 1024;
        best = null;
        for (int i = 0; i < DOUBLINGS && best == null; i++) {
            Partition p = run(h, centres, hi);
            if (ok.test(p)) {
                best = p;
            } else {
                lo = hi;
                hi *= 2;
            }
        }
        if (best == null) {
            return Partition.ofMeans(h, new int[] {0, h.size()}, 1);
        }
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = 0.5 * (lo + hi);
            Partition p = run(h, centres, mid);
            if (ok.test(p)) {
                hi = mid;
                best = p;
            } else {
                lo = mid;
            }
        }
        return best;
    }
}
