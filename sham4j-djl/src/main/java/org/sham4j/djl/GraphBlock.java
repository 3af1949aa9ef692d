package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.prune.PruneMask;
import org.sham4j.core.quant.Quantization;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/**
 * A DJL block that runs a model graph node by node, with one trainable parameter per weight matrix, bias and
 * embedding table, created from the graph's values. Under {@link WeightConstraints} a pruned layer's weight is
 * its parameter times its mask, and a shared layer has no weight parameter: its weight is its group's codebook
 * (one parameter per group) gathered by its fixed assignment, times its mask. Batch normalisation keeps its statistics fixed (inference
 * form); dropout is active in training only.
 */
final class GraphBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Graph graph;
    private final Map<String, Parameter> weights = new LinkedHashMap<>();
    private final Map<String, Parameter> biases = new LinkedHashMap<>();
    private final Map<String, Parameter> codebooks = new HashMap<>();
    private final Map<String, NDArray> indices = new HashMap<>();
    private final Map<String, NDArray> masks = new HashMap<>();

    GraphBlock(Graph graph, WeightConstraints constraints, NDManager manager) {
        super(VERSION);
        this.graph = graph;
        List<SharedLayers.Group> groups = constraints.shared().groups();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).codebook().length == 0) {
                // every weight of the group is pruned: no value to train, the layers stay zero (their mask)
                for (String name : groups.get(g).assignments().keySet()) {
                    masks.put(name, mask(manager, node(name), i -> false));
                }
                continue;
            }
            Parameter codebook = parameter("codebook" + g, manager.create(groups.get(g).codebook()));
            for (Map.Entry<String, int[]> e : groups.get(g).assignments().entrySet()) {
                WeightedLayer layer = node(e.getKey());
                codebooks.put(e.getKey(), codebook);
                int[] assignment = e.getValue();
                indices.put(e.getKey(), sharedIndices(manager, layer, assignment));
                masks.put(e.getKey(), mask(manager, layer, i -> assignment[i] != Quantization.ZERO));
            }
        }
        for (Map.Entry<String, PruneMask> e : constraints.masks().entrySet()) {
            if (!codebooks.containsKey(e.getKey())) {
                masks.put(e.getKey(), mask(manager, node(e.getKey()), e.getValue()::isKept));
            }
        }
        for (Node node : graph.nodes()) {
            Layer layer = node.layer();
            if (layer instanceof WeightedLayer w) {
                if (!codebooks.containsKey(node.name())) {
                    weights.put(node.name(), parameter(node.name() + ".weight", WeightArrays.of(manager, w.weights())));
                }
                if (w.bias() != null) {
                    biases.put(node.name(), parameter(node.name() + ".bias", manager.create(w.bias())));
                }
            } else if (layer instanceof Embedding e) {
                weights.put(node.name(), parameter(node.name() + ".table", WeightArrays.of(manager, e.table())));
            }
        }
    }

    private WeightedLayer node(String name) {
        for (Node n : graph.nodes()) {
            if (n.name().equals(name) && n.layer() instanceof WeightedLayer w) {
                return w;
            }
        }
        throw new IllegalArgumentException("no node with a weight matrix named '" + name + "'");
    }

    /** Codebook indices in the layer's weight shape (a kept zero points anywhere: its mask entry is 0). */
    private static NDArray sharedIndices(NDManager manager, WeightedLayer layer, int[] assignment) {
        DenseMatrix w = layer.weights().toDense();
        if (assignment.length != w.data().length) {
            throw new IllegalArgumentException(assignment.length + " assignments for a " + w.rows() + "x" + w.cols()
                    + " layer");
        }
        float[] index = new float[assignment.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = Math.max(0, assignment[i]);
        }
        return WeightArrays.of(manager, new DenseMatrix(w.rows(), w.cols(), index)).toType(DataType.INT64, false);
    }

    private static NDArray mask(NDManager manager, WeightedLayer layer, IntPredicate kept) {
        DenseMatrix w = layer.weights().toDense();
        float[] m = new float[w.data().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = kept.test(i) ? 1f : 0f;
        }
        return WeightArrays.of(manager, new DenseMatrix(w.rows(), w.cols(), m));
    }

    /**
     * The weight a node computes with: its parameter, times its mask if pruned; for a shared layer the codebook
     * gathered by the assignment, times the mask, so autograd gives each shared value the sum of the gradients
     * of its cluster. The result belongs to {@code manager}.
     */
    private NDArray weight(String node, NDManager manager, Function<Parameter, NDArray> values) {
        Parameter codebook = codebooks.get(node);
        NDArray mask = masks.get(node);
        if (codebook != null) {
            return values.apply(codebook).take(manager, indices.get(node)).mul(mask);
        }
        Parameter p = weights.get(node);
        if (p == null || mask == null) {
            return p == null ? null : values.apply(p);
        }
        NDArray w = values.apply(p).mul(mask);
        w.attach(manager);
        return w;
    }

    /**
     * Holds the weights, biases and tables of the named nodes fixed: no gradient flows into them and the
     * optimiser leaves them as they are. A shared layer's codebook is not frozen by this.
     */
    void freeze(Set<String> nodes) {
        for (String name : nodes) {
            if (graph.nodes().stream().noneMatch(n -> n.name().equals(name))) {
                throw new IllegalArgumentException("cannot freeze '" + name + "': the model has no node of that name");
            }
            for (Map<String, Parameter> params : List.of(weights, biases)) {
                Parameter p = params.get(name);
                if (p != null) {
                    p.freeze(true);
                }
            }
        }
    }

    private Parameter parameter(String name, NDArray value) {
        Parameter p = Parameter.builder().setName(name).setType(name.endsWith(".bias") ? Parameter.Type.BIAS
                : Parameter.Type.WEIGHT).optArray(value).build();
        return addParameter(p);
    }

    /** The graph with this block's current parameter values, in dense storage. */
    Graph toGraph() {
        List<Node> nodes = new ArrayList<>();
        for (Node node : graph.nodes()) {
            Layer layer = node.layer();
            Parameter b = biases.get(node.name());
            float[] bias = b == null ? null : b.getArray().toFloatArray();
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray w = weight(node.name(), manager, Parameter::getArray);
                if (layer instanceof WeightedLayer wl) {
                    layer = wl.withParameters(WeightArrays.matrix(w), bias);
                } else if (layer instanceof Embedding e) {
                    layer = new Embedding(new DenseMatrix(e.table().rows(), e.table().cols(), w.toFloatArray()));
                }
            }
            nodes.add(new Node(node.name(), layer, node.inputs(), node.output()));
        }
        return graph.withNodes(nodes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != graph.inputs().size()) {
            throw new IllegalArgumentException("the model takes " + graph.inputs().size() + " inputs, got "
                    + inputs.size());
        }
        Map<String, NDArray> values = new HashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            values.put(graph.inputs().get(k).name(), inputs.get(k));
        }
        for (Node node : graph.nodes()) {
            List<NDArray> args = new ArrayList<>();
            for (String in : node.inputs()) {
                args.add(values.get(in));
            }
            NDArray like = args.get(0);
            NDArray w = weight(node.name(), like.getManager(), p -> value(store, p, like, training));
            NDArray b = value(store, biases.get(node.name()), like, training);
            try {
                values.put(node.output(), NodeOps.apply(node.layer(), args, w, b, training));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("node " + node.name() + " (" + node.layer().kind() + "): "
                        + e.getMessage(), e);
            }
        }
        NDList out = new NDList();
        for (String name : graph.outputs()) {
            out.add(values.get(name));
        }
        return out;
    }

    private static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
        return p == null ? null : store.getValue(p, like.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList zeros = new NDList();
            for (Shape s : inputShapes) {
                zeros.add(manager.zeros(s, DataType.FLOAT32));
            }
            NDList out = forward(new ParameterStore(manager, false), zeros, false);
            Shape[] shapes = new Shape[out.size()];
            for (int k = 0; k < shapes.length; k++) {
                shapes[k] = out.get(k).getShape();
            }
            return shapes;
        }
    }
}
