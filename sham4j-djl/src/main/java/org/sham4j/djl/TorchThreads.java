package org.sham4j.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Prepares a thread for PyTorch work: its intra-op threads (the threads one operation such as a matrix product
 * spreads over) and gradient recording off outside training. PyTorch keeps both per calling thread (OpenMP's
 * thread count and autograd's mode are thread-local; a new thread records gradients, and threads started later
 * take the last count set), so each worker that trains sets them on itself, and N workers of T threads each keep
 * N·T threads busy. Results depend on the count (sums split over threads round differently), so a run is
 * reproducible at a fixed count.
 */
public final class TorchThreads {
    private TorchThreads() {
    }

    /**
     * Sets the intra-op threads of PyTorch operations run from the calling thread, and turns its gradient
     * recording off (training turns it on while it records).
     */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        JniUtils.setGradMode(false);
    }

    /** The intra-op threads of PyTorch operations run from the calling thread. */
    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
