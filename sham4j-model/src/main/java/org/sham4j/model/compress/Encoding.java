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
 * Stores the weights of a model's layers in compressed formats: the named layers in one format, or each in the
 * format whose exact encoding is smallest; the other weighted layers in their smallest format too (a dense
 * float matrix usually stays dense). Every format is exact, so the weights keep their values to the bit.
 */
public final class Encoding {
    private Encoding() {
    }

    /**
     * The graph with its weighted layers re-encoded; {@code format} null picks the smallest for each layer,
     * otherwise it is forced on the layers named in {@code nodes}.
     */
    public static Graph encode(Graph graph, List<String> nodes, MatrixFormat format) {
        List<Node> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer w) {
                SparseMatrix m = SparseMatrix.fromDense(w.weights().toDense());
                CompressedMatrix c = format != null && nodes.contains(n.name()) ? format.encode(m)
                        : Formats.smallest(m);
                out.add(new Node(n.name(), w.withWeights(c), n.inputs(), n.output()));
            } else {
                out.add(n);
            }
        }
        return graph.withNodes(out);
    }
}
