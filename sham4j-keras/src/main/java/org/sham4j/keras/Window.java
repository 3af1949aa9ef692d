package org.sham4j.keras;

import java.util.Arrays;
import org.sham4j.core.io.InvalidInputException;

/**
 * Where a sliding window (convolution or pooling) goes over the spatial axes: the padding Keras' {@code valid}
 * or {@code same} gives (TensorFlow puts the odd pixel of {@code same} at the end) and the output size.
 */
record Window(int[] padsBegin, int[] padsEnd, int[] outputSize, int positions) {

    static Window of(LayerConfig layer, KerasTensor input, int[] kernel, int[] strides, int[] dilations)
            throws InvalidInputException {
        String padding = layer.string("padding", "valid");
        if (!padding.equals("valid") && !padding.equals("same")) {
            throw layer.unsupported("padding", padding);
        }
        int dims = kernel.length;
        int[] begin = new int[dims];
        int[] end = new int[dims];
        int[] out = new int[dims];
        int positions = 1;
        for (int i = 0; i < dims; i++) {
            int size = input.shape()[i];
            long extent = (long) (kernel[i] - 1) * dilations[i] + 1;
            if (padding.equals("same")) {
                out[i] = (size + strides[i] - 1) / strides[i];
                long total = Math.max((long) (out[i] - 1) * strides[i] + extent - size, 0);
                begin[i] = (int) (total / 2);
                end[i] = (int) (total - total / 2);
            } else {
                out[i] = size < extent ? 0 : (int) ((size - extent) / strides[i] + 1);
            }
            if (out[i] < 1) {
                throw layer.invalid("window " + Arrays.toString(kernel) + " does not fit input "
                        + Arrays.toString(input.shape()));
            }
            positions *= kernel[i];
        }
        return new Window(begin, end, out, positions);
    }

    /** The Keras output shape (spatial axes, then channels). */
    int[] outputShape(int channels) {
        int[] s = Arrays.copyOf(outputSize, outputSize.length + 1);
        s[outputSize.length] = channels;
        return s;
    }
}
