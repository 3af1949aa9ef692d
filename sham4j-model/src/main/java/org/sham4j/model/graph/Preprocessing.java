package org.sham4j.model.graph;

/**
 * How raw data becomes a model's input: x' = (x · scale − mean[c]) / std[c] per channel c (one value for all
 * channels when the arrays have length 1), then arranged in the layout the model expects. A model file records
 * it so its users never repeat it; a model imported from a file that records none (an ONNX file without the
 * {@code sham4j.preprocessing} entry, a Keras file) has the identity, not {@code recorded}, so that commands
 * can say raw values are fed.
 */
public record Preprocessing(float scale, float[] mean, float[] std, Layout layout, boolean recorded) {
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

    /** Recorded preprocessing. */
    public Preprocessing(float scale, float[] mean, float[] std, Layout layout) {
        this(scale, mean, std, layout, true);
    }

    /** The identity in the given layout, as a model that records no preprocessing has. */
    public static Preprocessing unrecorded(Layout layout) {
        return new Preprocessing(1f, new float[] {0f}, new float[] {1f}, layout, false);
    }

    public Preprocessing {
        if (mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("mean and std need at least one value");
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("std must be positive and finite, got " + s);
            }
        }
        for (float m : mean) {
            if (!Float.isFinite(m)) {
                throw new IllegalArgumentException("mean must be finite, got " + m);
            }
        }
        if (!Float.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be finite and non-zero, got " + scale);
        }
    }

    /** E.g. {@code x * 0.003921569, mean 0.286, std 0.353, layout NCHW}. */
    @Override
    public String toString() {
        return "x * " + scale + ", mean " + join(mean) + ", std " + join(std) + ", layout " + layout;
    }

    private static String join(float[] v) {
        StringBuilder b = new StringBuilder();
        for (float x : v) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        return b.toString();
    }
}
