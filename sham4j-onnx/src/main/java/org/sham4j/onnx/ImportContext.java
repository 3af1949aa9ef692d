package org.sham4j.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;

/**
 * What the importer knows while it walks an ONNX graph: the constant tensors, the shapes inferred so far (axis
 * 0 is the batch; -1 marks an unknown dimension; no entry means an unknown rank), tensors that are other
 * tensors under a new name, and the graph nodes emitted, which later nodes may fold into (a bias add into the
 * preceding Dense or Conv).
 */
final class ImportContext {
    private final int opset;
    private final boolean batchFixedToOne;
    private final Map<String, Integer> uses;
    private final Set<String> graphOutputs;
    private final Map<String, ConstantTensor> constants = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Set<String> aliased = new HashSet<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> producers = new HashMap<>();

    /**
     * @param uses            how many node inputs read each tensor
     * @param graphOutputs    the model's outputs
     * @param batchFixedToOne whether the model declares a batch of exactly 1 (then a leading 1 in a Reshape
     *                        target is the batch axis)
     */
    ImportContext(int opset, Map<String, Integer> uses, Set<String> graphOutputs, boolean batchFixedToOne) {
        this.opset = opset;
        this.uses = uses;
        this.graphOutputs = graphOutputs;
        this.batchFixedToOne = batchFixedToOne;
    }

    int opset() {
        return opset;
    }

    boolean batchFixedToOne() {
        return batchFixedToOne;
    }

    /** The tensor a name stands for, following Identity-like aliases. */
    String resolve(String name) {
        String r = name;
        while (aliases.containsKey(r)) {
            r = aliases.get(r);
        }
        return r;
    }

    void alias(String name, String target) {
        String t = resolve(target);
        aliases.put(name, t);
        aliased.add(t);
        if (constants.containsKey(t)) {
            constants.put(name, constants.get(t));
        }
    }

    void constant(String name, ConstantTensor value) {
        constants.put(name, value);
    }

    /** The constant value of a tensor, or null when it is computed from the inputs. */
    ConstantTensor constant(String name) {
        return constants.get(resolve(name));
    }

    boolean isConstant(String name) {
        return constants.containsKey(resolve(name));
    }

    void shape(String name, int[] shape) {
        if (shape != null) {
            shapes.put(name, shape);
        }
    }

    /** The inferred shape (batch axis first, -1 unknown), or null when even the rank is unknown. */
    int[] shape(String name) {
        int[] s = shapes.get(resolve(name));
        return s == null ? null : s.clone();
    }

    /** Adds a node reading {@code inputs} (resolved here) and giving {@code output} of the given shape. */
    void emit(String nodeName, Layer layer, List<String> inputs, String output, int[] outShape) {
        List<String> resolved = inputs.stream().map(this::resolve).toList();
        producers.put(output, nodes.size());
        nodes.add(new Node(nodeName, layer, resolved, output));
        shape(output, outShape);
    }

    /**
     * The emitted node giving {@code tensor} when nothing else reads that tensor (one use, not a model output,
     * no alias), so the reader may fold into it; else null.
     */
    Node soleProducer(String tensor) {
        String t = resolve(tensor);
        Integer at = producers.get(t);
        if (at == null || uses.getOrDefault(t, 0) != 1 || graphOutputs.contains(t) || aliased.contains(t)) {
            return null;
        }
        return nodes.get(at);
    }

    /** Replaces {@code old} (from {@link #soleProducer}) by a node giving {@code output} instead. */
    void fold(Node old, Layer layer, String output, int[] outShape) {
        int at = producers.remove(old.output());
        producers.put(output, at);
        nodes.set(at, new Node(old.name(), layer, old.inputs(), output));
        shape(output, outShape);
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Throws unless {@code name} is a computed tensor (not a constant). */
    void requireComputed(OnnxNode node, String name, String role) throws InvalidInputException {
        if (isConstant(name)) {
            throw node.error("a constant " + role + " is not supported");
        }
    }

    /** The constant at input {@code i}, required. */
    ConstantTensor requireConstant(OnnxNode node, int i, String role) throws InvalidInputException {
        String name = node.input(i);
        if (name.isEmpty()) {
            throw node.error("the " + role + " input is missing");
        }
        ConstantTensor c = constant(name);
        if (c == null) {
            throw node.error("non-constant " + role + " '" + name + "' is not supported (it must be an initializer "
                    + "or a Constant)");
        }
        return c;
    }

    /** The float constant at input {@code i}, or null when the optional input is absent. */
    float[] optionalFloats(OnnxNode node, int i, String role) throws InvalidInputException {
        return node.input(i).isEmpty() ? null : requireConstant(node, i, role).toFloats();
    }
}
