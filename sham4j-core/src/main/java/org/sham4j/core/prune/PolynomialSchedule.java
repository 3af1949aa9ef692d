package org.sham4j.core.prune;

/**
 * Gradual pruning (Zhu &amp; Gupta 2017): the target sparsity at step t of N is
 * s<sub>t</sub> = s<sub>f</sub> + (s<sub>i</sub> - s<sub>f</sub>)(1 - t/N)<sup>e</sup>, e = 3 by default, held at
 * s<sub>i</sub> before step 0 and at s<sub>f</sub> from step N on. Sparsities are in percent.
 */
public final class PolynomialSchedule {
    private final double initial;
    private final double target;
    private final long steps;
    private final double exponent;

    /** The cubic schedule. */
    public PolynomialSchedule(double initialPercent, double finalPercent, long steps) {
        this(initialPercent, finalPercent, steps, 3);
    }

    public PolynomialSchedule(double initialPercent, double finalPercent, long steps, double exponent) {
        checkPercent(initialPercent);
        checkPercent(finalPercent);
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative, got " + steps);
        }
        if (!(exponent > 0 && exponent < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("exponent must be positive, got " + exponent);
        }
        this.initial = initialPercent;
        this.target = finalPercent;
        this.steps = steps;
        this.exponent = exponent;
    }

    /** The sparsity in percent to prune to at a step. */
    public double sparsityAt(long step) {
        if (step >= steps) {
            return target;
        }
        if (step <= 0) {
            return initial;
        }
        return target + (initial - target) * Math.pow(1 - (double) step / steps, exponent);
    }

    private static void checkPercent(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("sparsity must be between 0 and 100 percent, got " + p);
        }
    }
}
