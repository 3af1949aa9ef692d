package org.sham4j.compress;

import org.sham4j.data.Evaluation;
import org.sham4j.djl.TrainingListener;

/**
 * Hears how a compression goes: the original's score (first, before any change), each stage as it starts and
 * when it is done with what it measured, and the batches and epochs of every fine-tuning. Every method does
 * nothing unless overridden.
 */
public interface CompressionListener extends TrainingListener {
    /** The original model scored on the test samples by the Java runtime, before anything else runs. */
    default void originalScored(Evaluation score, boolean classification) {
    }

    /** A stage starts: its short name ({@link Stage#name()}) and one line on what it will do. */
    default void stageStarted(String name, String what) {
    }

    /** A stage is done. */
    default void stageFinished(Stage stage) {
    }

    @Override
    default void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
    }

    @Override
    default void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
    }

    /** Hears nothing. */
    CompressionListener SILENT = new CompressionListener() {
    };
}
