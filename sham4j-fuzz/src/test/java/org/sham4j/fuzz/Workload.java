package org.sham4j.fuzz;

import java.util.HashMap;
import java.util.Map;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.ShapeInference;
import org.sham4j.model.graph.WeightedLayer;

/**
 * Which accepted models the fuzz tests run: small weights, small windows and small tensors for the inputs they are
 * fed, so that one run stays far below the hang limit. A forged model may ask for any amount of legitimate work
 * (a transposed convolution of stride 65,536 gives millions of values from 16); that is not a failure.
 */
final class Workload {
    private static final long MAX_WEIGHTS = 1 << 12;
    private static final int MAX_WINDOW = 16;
    /** Values of the largest tensor a run may make. */
    private static final long MAX_VALUES = 1 << 18;

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
            if (n.layer() instanceof ConvTranspose c && !(small(c.kernel()) && small(c.padsBegin())
                    && small(c.padsEnd()) && small(c.dilations()) && small(c.strides()))) {
                return false;
            }
            if (n.layer() instanceof Pool p && !(small(p.kernel()) && small(p.padsBegin()) && small(p.padsEnd())
                    && small(p.strides()) && small(p.dilations()))) {
                return false;
            }
        }
        return smallTensors(g, feed);
    }

    /** Whether every tensor of a run on {@code feed} is small; true when shapes do not fit (the runtime refuses). */
    private static boolean smallTensors(Graph g, Map<String, Tensor> feed) {
        Map<String, int[]> given = new HashMap<>();
        feed.forEach((name, t) -> given.put(name, t.shape()));
        Map<String, int[]> shapes;
        try {
            shapes = ShapeInference.forInputs(g, given);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return true;
        }
        for (int[] shape : shapes.values()) {
            long n = 1;
            for (int d : shape) {
                n *= d;
                if (n > MAX_VALUES) {
                    return false;
                }
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
