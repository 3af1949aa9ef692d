package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.List;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/**
 * Stores the weights of a model's chosen layers in compressed formats: all in one format, or each in the format
 * whose exact encoding is smallest. The other layers keep the storage they have (a layer left out of compression
 * keeps its speed). Every format is exact, so the weights keep their values to the bit.
 */
public final class Encoding {
    private Encoding() {
    }

    /**
     * The graph with the weighted layers named in {@code nodes} re-encoded: in {@code format}, or when it is null
     * each in its smallest format.
     */
    public static Graph encode(Graph graph, List<String> nodes, MatrixFormat format) {
        List<Node> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer w && nodes.contains(n.name())) {
                SparseMatrix m = SparseMatrix.fromDense(w.weights().toDense());
                CompressedMatrix c = format != null ? format.encode(m) : Formats.smallest(m);
                out.add(new Node(n.name(), w.withWeights(c), n.inputs(), n.output()));
            } else {
                out.add(n);
            }
        }
        return graph.withNodes(out);
    }
}
