package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the calling thread's operations for a backward pass, as DJL's own gradient collector does, but without
 * its process-wide "one collector at a time" flag: PyTorch keeps gradient mode per thread, so trainings of
 * different models can run on different threads at once (the sweep's workers). Gradient mode is restored on
 * close.
 */
final class ThreadGradients implements AutoCloseable {
    private final boolean wasOn;

    ThreadGradients() {
        wasOn = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Back-propagates from {@code target} (a scalar loss), adding to the gradients of what it depends on. */
    void backward(NDArray target) {
        try (NDArray seed = target.getManager().ones(target.getShape(), target.getDataType())) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void close() {
        if (!wasOn) {
            JniUtils.setGradMode(false);
        }
    }
}
