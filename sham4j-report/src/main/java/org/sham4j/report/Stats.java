package org.sham4j.report;

/** Mean and sample standard deviation of the finite values among some, and how many there were. */
record Stats(double mean, double sd, int n) {
    static final Stats NONE = new Stats(Double.NaN, Double.NaN, 0);

    static Stats of(double... values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return NONE;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new Stats(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
    }
}
