package org.sham4j.model.graph;

import java.util.List;

/** A layer applied to named tensors, giving one named tensor. */
public record Node(String name, Layer layer, List<String> inputs, String output) {
    public Node {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " has no input");
        }
    }
}
