package org.sham4j.keras;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/**
 * Collects the inputs and nodes of the imported graph. Inputs of rank 2 or more (without batch) are taken
 * channels first; Transpose nodes move tensors between the layouts where a layer needs the other one.
 */
final class GraphBuilder {
    private final List<InputSpec> inputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** A model input of that Keras shape (without batch). */
    KerasTensor input(String name, int[] kerasShape) {
        KerasTensor t = new KerasTensor(unique(name), kerasShape, true);
        inputs.add(new InputSpec(t.name(), t.graphShape()));
        return t;
    }

    /** Appends a node named after {@code name} reading {@code in}; its output has the given Keras shape. */
    KerasTensor add(String name, Layer layer, List<KerasTensor> in, int[] shape, boolean channelsFirst) {
        String unique = unique(name);
        nodes.add(new Node(unique, layer, in.stream().map(KerasTensor::name).toList(), unique));
        return new KerasTensor(unique, shape, channelsFirst);
    }

    /** The tensor held channels first, through a Transpose when it is not. */
    KerasTensor channelsFirst(KerasTensor t) {
        if (t.channelsFirst() || t.rank() < 2) {
            return t;
        }
        int r = t.rank() + 1;
        int[] perm = new int[r];
        perm[1] = r - 1;
        for (int i = 2; i < r; i++) {
            perm[i] = i - 1;
        }
        return add(t.name() + "/channels_first", new Transpose(perm), List.of(t), t.shape(), true);
    }

    /** The tensor held as Keras holds it (channels last), through a Transpose when it is not. */
    KerasTensor channelsLast(KerasTensor t) {
        if (!t.channelsFirst()) {
            return t;
        }
        int r = t.rank() + 1;
        int[] perm = new int[r];
        for (int i = 1; i < r - 1; i++) {
            perm[i] = i + 1;
        }
        perm[r - 1] = 1;
        return add(t.name() + "/channels_last", new Transpose(perm), List.of(t), t.shape(), false);
    }

    /**
     * A Keras activation applied to {@code t} as a node of its own (none for {@code linear}); softmax runs over
     * the channel axis as Keras' last axis.
     */
    KerasTensor activation(LayerConfig layer, String function, KerasTensor t) throws InvalidInputException {
        Layer node = switch (function) {
            case "linear" -> null;
            case "relu" -> new Activation(Activation.Function.RELU);
            case "tanh" -> new Activation(Activation.Function.TANH);
            case "sigmoid" -> new Activation(Activation.Function.SIGMOID);
            case "softmax" -> new Softmax(t.graphAxis(t.rank()));
            default -> throw layer.unsupported("activation", function);
        };
        return node == null ? t : add(layer.name() + "/" + function, node, List.of(t), t.shape(), t.channelsFirst());
    }

    /**
     * The graph with these outputs, given back as Keras holds them. Image-like inputs take data channels last
     * (Preprocessing layout NHWC) and run channels first.
     */
    Graph build(List<KerasTensor> outputs) {
        List<String> outs = new ArrayList<>();
        for (KerasTensor o : outputs) {
            outs.add(channelsLast(o).name());
        }
        boolean imageLike = inputs.stream().anyMatch(in -> in.shape().length >= 2);
        Preprocessing p = Preprocessing.unrecorded(imageLike ? Preprocessing.Layout.NHWC : Preprocessing.Layout.FLAT);
        return new Graph(inputs, nodes, outs, p);
    }

    private String unique(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
