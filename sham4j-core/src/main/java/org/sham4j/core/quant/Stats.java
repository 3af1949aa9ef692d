package org.sham4j.core.quant;

/** The empirical entropy shared by the quantizers and their results. */
final class Stats {
    private Stats() {
    }

    /** Entropy in bits of the distribution proportional to the counts (0 if they sum to 0). */
    static double entropy(double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double h = 0;
        for (double c : counts) {
            if (c > 0) {
                double p = c / total;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }
}
