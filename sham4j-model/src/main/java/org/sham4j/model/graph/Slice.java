package org.sham4j.model.graph;

import java.util.Arrays;

/**
 * ONNX Slice with constant bounds: along each axis in {@code axes}, the positions start, start + step, ...
 * before end; negative starts and ends count from the end, and both are clamped to the axis. Steps are
 * positive.
 */
public record Slice(int[] axes, int[] starts, int[] ends, int[] steps) implements Layer {
    public Slice {
        int n = axes.length;
        if (n == 0 || starts.length != n || ends.length != n || steps.length != n
                || Arrays.stream(steps).anyMatch(s -> s < 1) || Arrays.stream(axes).distinct().count() != n) {
            throw new IllegalArgumentException("a slice needs distinct axes with a start, an end and a positive step "
                    + "each");
        }
    }

    /** The slice's length along an axis of {@code size}: its start and count. */
    public int[] range(int k, int size) {
        int start = clamp(starts[k], size);
        int end = clamp(ends[k], size);
        int count = end <= start ? 0 : (end - start + steps[k] - 1) / steps[k];
        return new int[] {start, count};
    }

    private static int clamp(int index, int size) {
        long i = index < 0 ? (long) index + size : index;
        return (int) Math.max(0, Math.min(size, i));
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.slice(this);
    }

    @Override
    public String kind() {
        return "Slice";
    }
}
