package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.io.WeightSizes;

/**
 * What one weighted layer of a model costs as stored: its sizes ({@link WeightSizes.Layer}: node, op, format,
 * shape, exact bytes), its non-zeros and its number of distinct non-zero values (the k of weight sharing).
 */
public record LayerReport(WeightSizes.Layer size, long nonZeros, int distinctValues) {
    /** Stored bits per weight (per entry of the matrix, zeros included). */
    public double bitsPerWeight() {
        long n = (long) size.rows() * size.cols();
        return n == 0 ? 0 : 8.0 * size.storedBytes() / n;
    }

    /** One report per weighted layer of {@code graph}, in node order. */
    public static List<LayerReport> of(Graph graph) {
        List<WeightSizes.Layer> sizes = WeightSizes.of(graph).layers();
        List<LayerReport> out = new ArrayList<>();
        int k = 0;
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer w) {
                Set<Integer> values = new HashSet<>();
                for (float v : w.weights().toDense().data()) {
                    if (v != 0f) {
                        values.add(Float.floatToIntBits(v));
                    }
                }
                out.add(new LayerReport(sizes.get(k++), w.weights().nonZeros(), values.size()));
            }
        }
        return out;
    }
}
