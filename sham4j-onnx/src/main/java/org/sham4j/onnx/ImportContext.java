package org.sham4j.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.ShapeInference;
import org.sham4j.model.graph.TensorShape;

/**
 * What the importer knows while it walks an ONNX graph: the constant tensors, the shape of every computed
 * tensor (inferred for each node as it is emitted, the batch symbolic), tensors that are other tensors under a
 * new name, and the graph nodes emitted, which later nodes may fold into (a bias add into the preceding Dense
 * or Conv, a reshape into the reshape before it).
 */
final class ImportContext {
    private final int opset;
    private final boolean batchFixedToOne;
    private final Map<String, Integer> uses;
    private final Set<String> graphOutputs;
    private final Map<String, ConstantTensor> constants = new HashMap<>();
    private final Map<String, TensorShape> shapes = new HashMap<>();
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

    /** Whether a node or the model reads tensor {@code name} ("" is no tensor). */
    boolean isUsed(String name) {
        return !name.isEmpty() && (uses.containsKey(name) || graphOutputs.contains(name));
    }

    /** A model input's shape. */
    void input(String name, TensorShape shape) {
        shapes.put(name, shape);
    }

    /** The shape of a computed tensor (batch axis first for model inputs), or null for a constant. */
    TensorShape shape(String name) {
        return shapes.get(resolve(name));
    }

    /** Adds a node reading {@code inputs} (resolved here) and giving {@code output}; its shape is inferred. */
    void emit(String nodeName, Layer layer, List<String> inputs, String output) {
        List<String> resolved = inputs.stream().map(this::resolve).toList();
        TensorShape shape = ShapeInference.output(layer, resolved.stream().map(shapes::get).toList());
        producers.put(output, nodes.size());
        nodes.add(new Node(nodeName, layer, resolved, output));
        shapes.put(output, shape);
    }

    /**
     * Adds a Reshape of {@code input} to {@code shape}; a reshape of a reshape that nothing else reads becomes
     * one, and one that gives its input's shape back becomes an alias.
     */
    void emitReshape(String nodeName, String input, TensorShape shape, String output) throws InvalidInputException {
        String x = resolve(input);
        Node before = soleProducer(x);
        if (before != null && before.layer() instanceof Reshape) {
            String source = before.inputs().get(0);
            nodes.set(producers.remove(before.output()), null);
            shapes.remove(before.output());
            x = source;
        }
        if (shapes.get(x).equals(shape)) {
            alias(output, x);
            return;
        }
        emit(nodeName, new Reshape(reshapeTarget(shapes.get(x), shape)), List.of(x), output);
    }

    /**
     * A Reshape target giving {@code out} from {@code in}: sizes as they are, a symbolic dimension as 0 where the
     * input has it at the same axis, else as -1 (at most one).
     */
    static int[] reshapeTarget(TensorShape in, TensorShape out) {
        int[] target = new int[out.rank()];
        boolean free = false;
        for (int k = 0; k < target.length; k++) {
            int d = out.dim(k);
            if (d >= 0) {
                target[k] = d;
            } else if (k < in.rank() && in.dim(k) == d && d != TensorShape.UNKNOWN) {
                target[k] = 0;
            } else if (!free) {
                target[k] = -1;
                free = true;
            } else {
                throw new IllegalArgumentException("a reshape of " + in + " to " + out + " cannot be written");
            }
        }
        return target;
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
    void fold(Node old, Layer layer, String output) {
        int at = producers.remove(old.output());
        TensorShape shape = ShapeInference.output(layer, old.inputs().stream().map(shapes::get).toList());
        shapes.remove(old.output());
        producers.put(output, at);
        nodes.set(at, new Node(old.name(), layer, old.inputs(), output));
        shapes.put(output, shape);
    }

    List<Node> nodes() {
        return nodes.stream().filter(Objects::nonNull).toList();
    }

    /** Throws unless {@code name} is a computed tensor (not a constant). */
    void requireComputed(OnnxNode node, String name, String role) throws InvalidInputException {
        if (isConstant(name)) {
            throw node.error("a constant " + role + " is not supported");
        }
        if (shape(name) == null) {
            throw node.error("the " + role + " '" + name + "' is not computed by any node before");
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
