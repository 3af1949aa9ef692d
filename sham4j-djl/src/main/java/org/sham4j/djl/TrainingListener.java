package org.sham4j.djl;

import org.sham4j.data.Evaluation;

/** Hears how training goes, e.g. to draw a progress bar. */
public interface TrainingListener {
    /** Batch {@code batch} (0-based) of {@code batches} in epoch {@code epoch} (1-based) of {@code epochs} is done. */
    void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss);

    /** An epoch is done: its mean training loss and the score on the test samples. */
    void epochDone(int epoch, int epochs, double meanLoss, Evaluation test);

    /**
     * The frozen nodes of a {@link org.sham4j.model.graph.FrozenHead} were run once on every sample, giving
     * {@code tensors} tensors of {@code bytes} bytes in all, in {@code seconds}; only the other nodes train.
     */
    default void frozenHeadComputed(int tensors, long bytes, double seconds) {
    }

    /** The training continues after epoch {@code done} of {@code epochs}, from the checkpoint in {@code where}. */
    default void resumed(int done, int epochs, String where) {
    }

    /** Hears nothing. */
    TrainingListener SILENT = new TrainingListener() {
        @Override
        public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
        }

        @Override
        public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
        }
    };
}
