package org.sham4j.keras;

import java.util.Arrays;

/**
 * A tensor of the imported graph as Keras sees it: its graph name, its Keras shape without the batch axis
 * (channels last), and whether the graph holds it channels first (the channel axis moved to just after the
 * batch axis). Tensors of rank 1 (without batch) are the same in both layouts and never marked channels first.
 */
record KerasTensor(String name, int[] shape, boolean channelsFirst) {
    KerasTensor {
        shape = shape.clone();
        channelsFirst = channelsFirst && shape.length >= 2;
    }

    /** The Keras shape without the batch axis (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Rank without the batch axis. */
    int rank() {
        return shape.length;
    }

    /** Number of channels: the last Keras axis. */
    int channels() {
        return shape[shape.length - 1];
    }

    /** The shape the graph holds, without the batch axis. */
    int[] graphShape() {
        if (!channelsFirst) {
            return shape.clone();
        }
        int[] s = new int[shape.length];
        s[0] = channels();
        System.arraycopy(shape, 0, s, 1, shape.length - 1);
        return s;
    }

    /** The graph axis (batch axis 0 included) holding Keras axis {@code kerasAxis} (batch axis 0 included). */
    int graphAxis(int kerasAxis) {
        if (!channelsFirst || kerasAxis == 0) {
            return kerasAxis;
        }
        return kerasAxis == shape.length ? 1 : kerasAxis + 1;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
