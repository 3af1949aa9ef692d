package org.sham4j.cli;

import org.sham4j.data.Evaluation;
import org.sham4j.djl.TrainingListener;

/** Passes training progress on and keeps the last epoch's loss and test score. */
final class StageScores implements TrainingListener {
    private final TrainingListener next;
    double lastLoss = Double.NaN;
    Evaluation last;

    StageScores(TrainingListener next) {
        this.next = next;
    }

    @Override
    public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
        next.batchDone(epoch, epochs, batch, batches, meanLoss);
    }

    @Override
    public void frozenHeadComputed(int tensors, long bytes, double seconds) {
        next.frozenHeadComputed(tensors, bytes, seconds);
    }

    @Override
    public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
        lastLoss = meanLoss;
        last = test;
        next.epochDone(epoch, epochs, meanLoss, test);
    }
}
