package org.sham4j.model.runtime;

/** Adds a bias to row-major product rows. */
final class Bias {
    private Bias() {
    }

    /** y[r*m + j] += bias[j] for r &lt; rows, m = bias.length; nothing for a null bias. */
    static void add(float[] y, int rows, float[] bias) {
        if (bias == null) {
            return;
        }
        int m = bias.length;
        for (int r = 0; r < rows; r++) {
            int base = r * m;
            for (int j = 0; j < m; j++) {
                y[base + j] += bias[j];
            }
        }
    }
}
