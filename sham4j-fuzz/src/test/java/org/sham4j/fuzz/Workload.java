package org.sham4j.fuzz;

import java.util.Map;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.WeightedLayer;

/**
 * Which accepted models the fuzz tests run: small weights and small windows, so that one run stays far below the
 * hang limit. A forged model may ask for any amount of legitimate work; that is not a failure.
 */
final class Workload {
    private static final long MAX_WEIGHTS = 1 << 12;
    private static final int MAX_WINDOW = 16;

    private Workload() {
    }

    static boolean small(Graph g, Map<String, Tensor> feed) {
        for (Node n : g.nodes()) {
            if (n.layer() instanceof WeightedLayer w
                    && (long) w.weights().rows() * w.weights().cols() > MAX_WEIGHTS) {
                return false;
            }
            if (n.layer() instanceof Embedding e && (long) e.table().rows() * e.table().cols() > MAX_WEIGHTS) {
                return false;
            }
            if (n.layer() instanceof Conv c && !(small(c.kernel()) && small(c.padsBegin()) && small(c.padsEnd())
                    && small(c.dilations()) && small(c.strides()))) {
                return false;
            }
            if (n.layer() instanceof Pool p && !(small(p.kernel()) && small(p.padsBegin()) && small(p.padsEnd())
                    && small(p.strides()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean small(int[] a) {
        for (int v : a) {
            if (v > MAX_WINDOW || v < -MAX_WINDOW) {
                return false;
            }
        }
        return true;
    }
}
