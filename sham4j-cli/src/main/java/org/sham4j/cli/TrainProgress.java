package org.sham4j.cli;

import org.sham4j.cli.report.Progress;
import org.sham4j.compress.Metric;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.TrainingListener;

/** Draws training on a progress bar (epoch, loss, last test score, ETA) and prints a line per epoch. */
final class TrainProgress implements TrainingListener {
    private static final int REDRAWS = 200;
    private final int batchesPerEpoch;
    private final boolean enabled;
    private Progress bar;
    private final boolean classification;
    private final int every;
    private final long start = System.nanoTime();
    private String lastScore = "";
    private int steps;

    TrainProgress(int epochs, int batchesPerEpoch, boolean classification, boolean enabled) {
        int total = epochs * batchesPerEpoch;
        this.bar = new Progress(total, enabled);
        this.batchesPerEpoch = batchesPerEpoch;
        this.enabled = enabled;
        this.classification = classification;
        this.every = Math.max(1, total / REDRAWS);
    }

    @Override
    public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
        if (steps++ % every == 0) {
            bar.step(String.format("epoch %d/%d loss %.4f%s", epoch, epochs, meanLoss, lastScore));
        }
        bar.advance();
    }

    @Override
    public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
        lastScore = " " + Metric.describe(test, classification);
        bar.finish();
        System.err.printf("epoch %d/%d: loss %.4f, test %s (%.1f s)%n", epoch, epochs, meanLoss, Metric.describe(test,
                classification), (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void resumed(int done, int epochs, String where) {
        bar = new Progress((epochs - done) * batchesPerEpoch, enabled);
        System.err.printf("resuming after epoch %d of %d from %s (weights, schedule and shuffling resume; the "
                + "optimizer's moments start again)%n", done, epochs, where);
    }

    @Override
    public void frozenHeadComputed(int tensors, long bytes, double seconds) {
        System.err.printf("frozen layers run once on every sample: %d tensor(s), %.1f MB, %.1f s; only the "
                + "others train%n", tensors, bytes / 1e6, seconds);
    }
}
