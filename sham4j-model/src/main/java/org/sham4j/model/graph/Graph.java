package org.sham4j.model.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model: named inputs, nodes in an order where every input of a node is a model input or an earlier node's
 * output, the names of the model's outputs, and the preprocessing its inputs need. Immutable. Building one
 * infers every tensor's shape ({@link ShapeInference}): a node whose inputs do not fit it is refused, named.
 */
public record Graph(List<InputSpec> inputs, List<Node> nodes, List<String> outputs, Preprocessing preprocessing) {
    public Graph {
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        Set<String> known = new HashSet<>();
        for (InputSpec in : inputs) {
            if (!known.add(in.name())) {
                throw new IllegalArgumentException("duplicate input " + in.name());
            }
        }
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!known.contains(in)) {
                    throw new IllegalArgumentException("node " + n.name() + " (" + n.layer().kind() + ") reads '" + in
                            + "', which no input or earlier node gives");
                }
            }
            if (!known.add(n.output())) {
                throw new IllegalArgumentException("tensor '" + n.output() + "' is given twice");
            }
        }
        for (String out : outputs) {
            if (!known.contains(out)) {
                throw new IllegalArgumentException("output '" + out + "' is not computed");
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a graph needs an output");
        }
        ShapeInference.infer(inputs, nodes, ShapeInference.symbolicInputs(inputs));
    }

    /** The shape of every tensor, the batch symbolic ({@link ShapeInference#of}). */
    public Map<String, TensorShape> shapes() {
        return ShapeInference.of(this);
    }

    /** The same graph with other nodes (e.g. compressed weights) and the same inputs, outputs, preprocessing. */
    public Graph withNodes(List<Node> newNodes) {
        return new Graph(inputs, newNodes, outputs, preprocessing);
    }

    /** The same graph with other preprocessing. */
    public Graph withPreprocessing(Preprocessing p) {
        return new Graph(inputs, nodes, outputs, p);
    }
}
