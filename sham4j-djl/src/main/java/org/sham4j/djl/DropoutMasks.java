package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * Dropout masks of a training step, drawn from a generator seeded by the training's seed, the epoch and the batch,
 * and kept per thread: so a training draws the same masks whatever runs beside it (PyTorch's own generator is one
 * for the whole process, which two trainings at once would share), and a resumed training draws those the
 * uninterrupted one would have.
 */
final class DropoutMasks {
    private static final ThreadLocal<SplittableRandom> STEP = new ThreadLocal<>();

    private DropoutMasks() {
    }

    /** The masks of the step about to run on this thread. */
    static void forStep(long seed, int epoch, int batch) {
        STEP.set(new SplittableRandom((seed * 1_000_003L + epoch) * 1_000_003L + batch));
    }

    /** No step runs on this thread any more. */
    static void clear() {
        STEP.remove();
    }

    /** {@code x} with each value kept with probability 1 - rate and scaled by 1 / (1 - rate), the others 0. */
    static NDArray apply(NDArray x, float rate) {
        SplittableRandom random = STEP.get();
        if (random == null) {
            throw new IllegalStateException("dropout outside a training step");
        }
        float keep = 1f - rate;
        float scale = 1f / keep;
        float[] mask = new float[Math.toIntExact(x.size())];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? scale : 0f;
        }
        return x.mul(x.getManager().create(mask, x.getShape()));
    }
}
