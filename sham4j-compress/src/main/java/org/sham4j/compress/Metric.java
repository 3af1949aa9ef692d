package org.sham4j.compress;

import org.sham4j.data.Evaluation;

/** How scores read: accuracy in percent for classification, MSE and concordance index for regression. */
public final class Metric {
    private Metric() {
    }

    /** {@code accuracy 97.12%} or {@code mse 0.2345 ci 0.8765}. */
    public static String describe(Evaluation e, boolean classification) {
        return classification ? String.format("accuracy %.2f%%", 100 * e.accuracy())
                : String.format("mse %.4f ci %.4f", e.mse(), e.concordanceIndex());
    }

    /** The headline score: accuracy, or MSE. */
    public static double value(Evaluation e, boolean classification) {
        return classification ? e.accuracy() : e.mse();
    }

    /** {@code accuracy} or {@code mse}. */
    public static String name(boolean classification) {
        return classification ? "accuracy" : "mse";
    }
}
