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
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;

/**
 * A DJL block that runs a model graph node by node, with one trainable parameter per weight matrix, bias and
 * embedding table, created from the graph's values. Batch normalisation keeps its statistics fixed (inference
 * form); dropout is active in training only.
 */
final class GraphBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Graph graph;
    private final Map<String, Parameter> weights = new LinkedHashMap<>();
    private final Map<String, Parameter> biases = new LinkedHashMap<>();

    GraphBlock(Graph graph, NDManager manager) {
        super(VERSION);
        this.graph = graph;
        for (Node node : graph.nodes()) {
            Layer layer = node.layer();
            if (layer instanceof Dense d) {
                weights.put(node.name(), parameter(node.name() + ".weight", WeightArrays.dense(manager, d.weights())));
                if (d.bias() != null) {
                    biases.put(node.name(), parameter(node.name() + ".bias", manager.create(d.bias())));
                }
            } else if (layer instanceof Conv c) {
                weights.put(node.name(), parameter(node.name() + ".weight", WeightArrays.conv(manager, c)));
                if (c.bias() != null) {
                    biases.put(node.name(), parameter(node.name() + ".bias", manager.create(c.bias())));
                }
            } else if (layer instanceof Embedding e) {
                DenseMatrix t = e.table();
                weights.put(node.name(), parameter(node.name() + ".table",
                        manager.create(t.data().clone(), new Shape(t.rows(), t.cols()))));
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
            Parameter w = weights.get(node.name());
            Parameter b = biases.get(node.name());
            float[] bias = b == null ? null : b.getArray().toFloatArray();
            if (layer instanceof Dense) {
                layer = new Dense(WeightArrays.denseMatrix(w.getArray()), bias);
            } else if (layer instanceof Conv c) {
                layer = new Conv(WeightArrays.convMatrix(w.getArray()), bias, c.inChannels(), c.outChannels(),
                        c.kernel(), c.strides(), c.padsBegin(), c.padsEnd(), c.dilations(), c.groups());
            } else if (layer instanceof Embedding e) {
                layer = new Embedding(new DenseMatrix(e.table().rows(), e.table().cols(),
                        w.getArray().toFloatArray()));
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
            NDArray w = value(store, weights.get(node.name()), args.get(0), training);
            NDArray b = value(store, biases.get(node.name()), args.get(0), training);
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
