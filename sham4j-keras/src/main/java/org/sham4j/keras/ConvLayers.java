package org.sham4j.keras;

import static org.sham4j.keras.LayerConverter.single;

import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;

/**
 * Converters of Conv1D/2D, Max/AveragePooling1D/2D and GlobalMax/AveragePooling1D/2D. Keras holds these
 * channels last; the graph runs them channels first, with kernels turned into im2col matrices.
 */
final class ConvLayers {
    private ConvLayers() {
    }

    static KerasTensor conv(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException {
        layer.requireChannelsLast();
        int dims = spatialDims(layer);
        KerasTensor t = graph.channelsFirst(spatialInput(layer, inputs, dims));
        int filters = layer.positive("filters");
        int[] kernel = layer.ints("kernel_size", dims, null);
        int[] strides = layer.ints("strides", dims, ones(dims));
        int[] dilations = layer.ints("dilation_rate", dims, ones(dims));
        int groups = layer.has("groups") ? layer.positive("groups") : 1;
        int in = t.channels();
        if (in % groups != 0 || filters % groups != 0) {
            throw layer.invalid("groups " + groups + " must divide the " + in + " input and " + filters
                    + " output channels");
        }
        int perGroup = in / groups;
        int[] kernelShape = Arrays.copyOf(kernel, dims + 2);
        kernelShape[dims] = perGroup;
        kernelShape[dims + 1] = filters;
        float[] keras = weights.get("kernel", kernelShape);
        float[] bias = layer.bool("use_bias", true) ? weights.get("bias", filters) : null;
        Window w = Window.of(layer, t, kernel, strides, dilations);
        Conv conv = new Conv(LayerWeights.matrix(perGroup * w.positions(), filters,
                im2col(keras, w.positions(), perGroup, filters)), bias, in, filters, kernel, strides, w.padsBegin(),
                w.padsEnd(), dilations, groups);
        KerasTensor out = graph.add(layer.name(), conv, List.of(t), w.outputShape(filters), true);
        return graph.activation(layer, layer.string("activation", "linear"), out);
    }

    /** Keras kernel (positions, in, out) row-major to im2col rows (in · positions + position) x out. */
    static float[] im2col(float[] keras, int positions, int in, int out) {
        float[] rows = new float[keras.length];
        for (int p = 0; p < positions; p++) {
            for (int c = 0; c < in; c++) {
                System.arraycopy(keras, (p * in + c) * out, rows, (c * positions + p) * out, out);
            }
        }
        return rows;
    }

    static KerasTensor pool(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException {
        layer.requireChannelsLast();
        int dims = spatialDims(layer);
        KerasTensor t = graph.channelsFirst(spatialInput(layer, inputs, dims));
        int[] size = layer.ints("pool_size", dims, twos(dims));
        int[] strides = layer.ints("strides", dims, size);
        Window w = Window.of(layer, t, size, strides, ones(dims));
        Pool pool = new Pool(kind(layer), size, strides, w.padsBegin(), w.padsEnd(), false, false);
        return graph.add(layer.name(), pool, List.of(t), w.outputShape(t.channels()), true);
    }

    static KerasTensor globalPool(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights,
                                  GraphBuilder graph) throws InvalidInputException {
        layer.requireChannelsLast();
        int dims = spatialDims(layer);
        KerasTensor t = graph.channelsFirst(spatialInput(layer, inputs, dims));
        boolean keep = layer.bool("keepdims", false);
        int[] shape = new int[keep ? dims + 1 : 1];
        Arrays.fill(shape, 1);
        shape[shape.length - 1] = t.channels();
        return graph.add(layer.name(), new GlobalPool(kind(layer), keep), List.of(t), shape, true);
    }

    private static PoolKind kind(LayerConfig layer) {
        String c = layer.className();
        return c.startsWith("Max") || c.startsWith("GlobalMax") ? PoolKind.MAX : PoolKind.AVERAGE;
    }

    /** 1 or 2, from the class name's "1D"/"2D". */
    private static int spatialDims(LayerConfig layer) {
        return layer.className().endsWith("1D") ? 1 : 2;
    }

    private static KerasTensor spatialInput(LayerConfig layer, List<KerasTensor> inputs, int dims)
            throws InvalidInputException {
        KerasTensor t = single(layer, inputs);
        if (t.rank() != dims + 1) {
            throw layer.invalid("input of shape " + Arrays.toString(t.shape()) + ", expected " + (dims + 1)
                    + " axes besides the batch");
        }
        return t;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static int[] twos(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 2);
        return a;
    }
}
