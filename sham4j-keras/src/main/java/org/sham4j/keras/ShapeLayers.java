package org.sham4j.keras;

import static org.sham4j.keras.LayerConverter.single;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Reshape;

/**
 * Converters of Flatten, Reshape, Concatenate and Add. Flatten and Reshape work on Keras' channels-last order,
 * so the weights of a following Dense apply unchanged.
 */
final class ShapeLayers {
    private ShapeLayers() {
    }

    static KerasTensor flatten(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException {
        layer.requireChannelsLast();
        KerasTensor t = graph.channelsLast(single(layer, inputs));
        int size = (int) Tensor.size(t.shape());
        return graph.add(layer.name(), new Flatten(1), List.of(t), new int[] {size}, false);
    }

    static KerasTensor reshape(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException {
        KerasTensor t = graph.channelsLast(single(layer, inputs));
        JsonNode target = layer.raw("target_shape");
        if (target == null || !target.isArray() || target.isEmpty()) {
            throw layer.invalid("option target_shape must be a list, got " + target);
        }
        long size = Tensor.size(t.shape());
        int[] shape = new int[target.size()];
        int free = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = target.get(i);
            if (!d.isIntegralNumber() || d.asInt() < -1 || d.asInt() == 0 || (d.asInt() == -1 && free >= 0)) {
                throw layer.invalid("bad target_shape " + target);
            }
            shape[i] = d.asInt();
            if (shape[i] == -1) {
                free = i;
            } else {
                known *= shape[i];
            }
        }
        if (free >= 0 && known > 0 && size % known == 0) {
            shape[free] = (int) (size / known);
            known = size;
        }
        if (known != size) {
            throw layer.invalid("cannot reshape " + Arrays.toString(t.shape()) + " to target_shape " + target);
        }
        int[] withBatch = new int[shape.length + 1];
        withBatch[0] = -1;
        System.arraycopy(shape, 0, withBatch, 1, shape.length);
        return graph.add(layer.name(), new Reshape(withBatch), List.of(t), shape, false);
    }

    /** Concatenate along a Keras axis, mapped to the graph's axis when the inputs are held channels first. */
    static KerasTensor concatenate(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights,
                                   GraphBuilder graph) throws InvalidInputException {
        atLeastTwo(layer, inputs);
        int rank = inputs.get(0).rank();
        JsonNode axisJson = layer.raw("axis");
        int axis = axisJson == null || axisJson.isNull() ? -1 : layer.integer("axis");
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 1 || a > rank) {
            throw layer.unsupported("axis", axis);
        }
        List<KerasTensor> in = sameLayout(inputs, graph);
        int[] shape = in.get(0).shape();
        shape[a - 1] = 0;
        for (KerasTensor t : in) {
            int[] s = t.shape();
            if (s.length != rank) {
                throw layer.invalid("inputs of different ranks " + in);
            }
            for (int i = 0; i < rank; i++) {
                if (i != a - 1 && s[i] != shape[i]) {
                    throw layer.invalid("input shapes " + in + " differ off the axis " + axis);
                }
            }
            shape[a - 1] += s[a - 1];
        }
        KerasTensor first = in.get(0);
        return graph.add(layer.name(), new Concat(first.graphAxis(a)), in, shape, first.channelsFirst());
    }

    /** Add of inputs of one shape (no broadcasting). */
    static KerasTensor add(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException {
        atLeastTwo(layer, inputs);
        List<KerasTensor> in = sameLayout(inputs, graph);
        for (KerasTensor t : in) {
            if (!Arrays.equals(t.shape(), in.get(0).shape())) {
                throw layer.invalid("input shapes " + in + " differ (broadcasting is not supported)");
            }
        }
        return graph.add(layer.name(), new Add(), in, in.get(0).shape(), in.get(0).channelsFirst());
    }

    private static void atLeastTwo(LayerConfig layer, List<KerasTensor> inputs) throws InvalidInputException {
        if (inputs.size() < 2) {
            throw layer.invalid("takes two or more inputs, got " + inputs.size());
        }
    }

    /** The inputs in one layout: channels first if any of them is, so convolution outputs stay untouched. */
    private static List<KerasTensor> sameLayout(List<KerasTensor> inputs, GraphBuilder graph) {
        boolean first = inputs.stream().anyMatch(KerasTensor::channelsFirst);
        List<KerasTensor> out = new ArrayList<>();
        for (KerasTensor t : inputs) {
            out.add(first ? graph.channelsFirst(t) : t);
        }
        return out;
    }
}
