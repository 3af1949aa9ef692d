package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.quant.Quantization;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.model.graph.Graph;

/**
 * Weight sharing of a model's selected layers: groups of layers with one codebook each (a group per layer, or
 * one group for all under unified quantization), and for every weight the index of its shared value, or
 * {@link Quantization#ZERO} for a weight that stays exactly 0 (pruned). Zeros are never clustered, so sharing
 * after pruning quantizes only the surviving weights. Assignments are in the layer's matrix order (rows x cols,
 * row-major). Immutable.
 */
public record SharedLayers(List<Group> groups) {
    /** One codebook and the layers that share it. */
    public record Group(float[] codebook, Map<String, int[]> assignments) {
        public Group {
            codebook = codebook.clone();
            assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        }

        /** The weights of one layer of the group: its shared value for each weight, 0 for a kept zero. */
        public float[] weights(String node) {
            int[] a = assignments.get(node);
            float[] w = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                w[i] = a[i] == Quantization.ZERO ? 0f : codebook[a[i]];
            }
            return w;
        }

        @Override
        public float[] codebook() {
            return codebook.clone();
        }
    }

    public SharedLayers {
        groups = List.copyOf(groups);
    }

    /**
     * Quantizes the named layers of {@code graph} as {@code spec} says, zeros kept: per layer, or with one
     * codebook for all of them ({@code unified}).
     */
    public static SharedLayers quantize(Graph graph, List<String> nodes, QuantizerSpec spec, boolean unified) {
        Map<String, DenseMatrix> weights = GraphWeights.of(graph, nodes);
        List<Group> groups = new ArrayList<>();
        if (unified) {
            List<float[]> arrays = new ArrayList<>();
            for (DenseMatrix m : weights.values()) {
                arrays.add(m.data());
            }
            List<Quantization> qs = spec.quantizer().quantizeAll(arrays, spec.k());
            Map<String, int[]> assignments = new LinkedHashMap<>();
            int k = 0;
            for (String node : weights.keySet()) {
                assignments.put(node, qs.get(k++).assignment());
            }
            groups.add(new Group(qs.get(0).codebook(), assignments));
        } else {
            for (Map.Entry<String, DenseMatrix> e : weights.entrySet()) {
                Quantization q = spec.quantizer().quantize(e.getValue().data(), spec.k());
                groups.add(new Group(q.codebook(), Map.of(e.getKey(), q.assignment())));
            }
        }
        return new SharedLayers(groups);
    }

    /** The group that holds {@code node}, or null. */
    public Group groupOf(String node) {
        for (Group g : groups) {
            if (g.assignments().containsKey(node)) {
                return g;
            }
        }
        return null;
    }

    /** The graph with every shared layer's weights set to its shared values (stored dense). */
    public Graph apply(Graph graph) {
        Map<String, DenseMatrix> out = new LinkedHashMap<>();
        for (Group g : groups) {
            for (String node : g.assignments().keySet()) {
                DenseMatrix old = GraphWeights.weighted(GraphWeights.node(graph, node)).weights().toDense();
                out.put(node, new DenseMatrix(old.rows(), old.cols(), g.weights(node)));
            }
        }
        return GraphWeights.replace(graph, out);
    }
}
