package org.sham4j.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op threads (the threads one operation such as a matrix product spreads over). PyTorch keeps the
 * count per calling thread (OpenMP's setting is per thread), and threads started later take the last count set;
 * so each worker that trains sets it on itself, and N workers of T threads each keep N·T threads busy. Results
 * depend on it (sums split over threads round differently), so a run is reproducible at a fixed count.
 */
public final class TorchThreads {
    private TorchThreads() {
    }

    /** Sets the intra-op threads of PyTorch operations run from the calling thread. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    /** The intra-op threads of PyTorch operations run from the calling thread. */
    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
