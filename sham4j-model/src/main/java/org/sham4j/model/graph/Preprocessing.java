package org.sham4j.model.graph;

/**
 * How raw data becomes a model's input: x' = (x · scale − mean[c]) / std[c] per channel c (one value for all
 * channels when the arrays have length 1), then arranged in the layout the model expects. A model file records
 * it so its users never repeat it.
 */
public record Preprocessing(float scale, float[] mean, float[] std, Layout layout) {
    /** How the data set's samples are arranged before they reach the model's input. */
    public enum Layout {
        /** Channels first: (C, H, W) or (C, L), as ONNX and PyTorch models take. */
        NCHW,
        /** Channels last: (H, W, C) or (L, C), as Keras models take; converted to channels first. */
        NHWC,
        /** One flat vector per sample. */
        FLAT
    }

    /** No scaling, no normalisation, channels first. */
    public static final Preprocessing IDENTITY = new Preprocessing(1f, new float[] {0f}, new float[] {1f}, Layout.NCHW);

    public Preprocessing {
        if (mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("mean and std need at least one value");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + s);
            }
        }
    }
}
