package org.sham4j.model.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph cut in two for training with some nodes frozen: the head holds the frozen nodes (and the weightless
 * ones) that a single model input feeds, up to the first node that trains, mixes inputs or is random in training
 * (dropout); the tail holds the rest and reads the head's results, the frontier tensors, as its inputs. Training
 * the tail on the frontier computed once gives what training the whole graph with the head frozen gives, at the
 * cost of the tail alone.
 */
public final class FrozenHead {
    private final Graph graph;
    private final List<Node> head = new ArrayList<>();
    private final List<Node> tail = new ArrayList<>();
    private final Map<String, Integer> inputOf = new HashMap<>();
    private final Set<String> frontier = new LinkedHashSet<>();

    /** The cut of {@code graph} whose head is as long as {@code frozen} allows. */
    public FrozenHead(Graph graph, Set<String> frozen) {
        this.graph = graph;
        for (int k = 0; k < graph.inputs().size(); k++) {
            inputOf.put(graph.inputs().get(k).name(), k);
        }
        for (Node n : graph.nodes()) {
            Integer source = singleSource(n);
            boolean fixed = frozen.contains(n.name()) || !trains(n.layer());
            if (source != null && fixed && !(n.layer() instanceof Dropout)) {
                head.add(n);
                inputOf.put(n.output(), source);
            } else {
                tail.add(n);
                for (String in : n.inputs()) {
                    if (inputOf.containsKey(in)) {
                        frontier.add(in);
                    }
                }
            }
        }
        for (String out : graph.outputs()) {
            if (inputOf.containsKey(out)) {
                frontier.add(out);
            }
        }
    }

    /** Whether the layer has parameters that training changes. */
    private static boolean trains(Layer layer) {
        return layer instanceof WeightedLayer || layer instanceof Embedding;
    }

    /** The one model input all of the node's inputs come from through the head, or null. */
    private Integer singleSource(Node n) {
        Integer source = null;
        for (String in : n.inputs()) {
            Integer k = inputOf.get(in);
            if (k == null || source != null && !source.equals(k)) {
                return null;
            }
            source = k;
        }
        return source;
    }

    /** Whether the head does work worth doing once: it holds a node with weights. */
    public boolean saves() {
        return head.stream().anyMatch(n -> trains(n.layer()));
    }

    /** The frontier tensors, in the order of the tail's inputs. */
    public List<String> frontier() {
        return List.copyOf(frontier);
    }

    /** The index of the model input a frontier tensor is computed from. */
    public int source(String frontierTensor) {
        Integer k = inputOf.get(frontierTensor);
        if (k == null || !frontier.contains(frontierTensor)) {
            throw new IllegalArgumentException("'" + frontierTensor + "' is not a frontier tensor");
        }
        return k;
    }

    /**
     * The head nodes fed by model input {@code k}, as a graph of that one input (with the model's preprocessing)
     * whose outputs are the frontier tensors computed from it.
     */
    public Graph headOf(int k) {
        List<String> outputs = new ArrayList<>();
        for (String f : frontier) {
            if (inputOf.get(f) == k) {
                outputs.add(f);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : head) {
            if (inputOf.get(n.output()) == k) {
                nodes.add(n);
            }
        }
        return new Graph(List.of(graph.inputs().get(k)), nodes, outputs, graph.preprocessing());
    }

    /** The tail as a graph whose inputs are the frontier tensors, of these sample shapes (in frontier order). */
    public Graph tail(List<int[]> frontierShapes) {
        if (frontierShapes.size() != frontier.size()) {
            throw new IllegalArgumentException(frontierShapes.size() + " shapes for " + frontier.size()
                    + " frontier tensors");
        }
        List<InputSpec> inputs = new ArrayList<>();
        int k = 0;
        for (String f : frontier) {
            inputs.add(new InputSpec(f, frontierShapes.get(k++).clone()));
        }
        return new Graph(inputs, tail, graph.outputs(), Preprocessing.IDENTITY);
    }

    /** The whole graph with the tail's nodes taken, by name, from {@code trainedTail}. */
    public Graph merge(Graph trainedTail) {
        Map<String, Node> trained = new HashMap<>();
        for (Node n : trainedTail.nodes()) {
            trained.put(n.name(), n);
        }
        if (!trained.keySet().equals(tailNodes())) {
            throw new IllegalArgumentException("the trained tail has nodes " + trained.keySet() + ", expected "
                    + tailNodes());
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            nodes.add(trained.getOrDefault(n.name(), n));
        }
        return graph.withNodes(nodes);
    }

    /** The names of the head's nodes. */
    public Set<String> headNodes() {
        Set<String> names = new LinkedHashSet<>();
        head.forEach(n -> names.add(n.name()));
        return names;
    }

    /** The names of the tail's nodes. */
    public Set<String> tailNodes() {
        Set<String> names = new LinkedHashSet<>();
        tail.forEach(n -> names.add(n.name()));
        return names;
    }
}
