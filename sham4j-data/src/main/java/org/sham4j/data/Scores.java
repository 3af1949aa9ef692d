package org.sham4j.data;

/** Scores of predictions against targets. */
public final class Scores {
    private Scores() {
    }

    /** Share of rows of {@code outputs} (n x width) whose largest entry is at the target class. */
    public static double accuracy(float[] outputs, int width, float[] targets) {
        int right = 0;
        for (int i = 0; i < targets.length; i++) {
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (outputs[i * width + c] > outputs[i * width + best]) {
                    best = c;
                }
            }
            right += best == (int) targets[i] ? 1 : 0;
        }
        return targets.length == 0 ? Double.NaN : (double) right / targets.length;
    }

    /** Mean squared error. */
    public static double mse(float[] predictions, float[] targets) {
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            double d = (double) predictions[i] - targets[i];
            sum += d * d;
        }
        return targets.length == 0 ? Double.NaN : sum / targets.length;
    }

    /**
     * Concordance index as DeepDTA computes it: over the pairs with different targets, the share ordered as the
     * targets are, a tie in prediction counting one half.
     */
    public static double concordanceIndex(float[] predictions, float[] targets) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < targets.length; j++) {
                if (targets[i] > targets[j]) {
                    pairs++;
                    float d = predictions[i] - predictions[j];
                    sum += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }
}
