package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/** Reads the weight matrices of named nodes, and puts new ones in their place. */
public final class GraphWeights {
    private GraphWeights() {
    }

    /** The weights of the named weighted nodes, dense, in the order given. */
    public static Map<String, DenseMatrix> of(Graph graph, List<String> nodes) {
        Map<String, DenseMatrix> out = new LinkedHashMap<>();
        for (String name : nodes) {
            out.put(name, weighted(node(graph, name)).weights().toDense());
        }
        return out;
    }

    /** The graph with the given nodes' weights replaced (stored dense); other nodes unchanged. */
    public static Graph replace(Graph graph, Map<String, DenseMatrix> weights) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            DenseMatrix w = weights.get(n.name());
            nodes.add(w == null ? n : new Node(n.name(), weighted(n).withWeights(DenseFormat.INSTANCE.encode(w)),
                    n.inputs(), n.output()));
        }
        return graph.withNodes(nodes);
    }

    static Node node(Graph graph, String name) {
        for (Node n : graph.nodes()) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node named '" + name + "'");
    }

    static WeightedLayer weighted(Node n) {
        if (n.layer() instanceof WeightedLayer w) {
            return w;
        }
        throw new IllegalArgumentException("node " + n.name() + " (" + n.layer().kind() + ") has no weight matrix");
    }
}
