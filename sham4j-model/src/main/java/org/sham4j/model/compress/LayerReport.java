package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/**
 * What one weighted layer of a model costs as stored: its shape, non-zeros, number of distinct non-zero values
 * (the k of weight sharing), format and exact bytes of its matrix.
 */
public record LayerReport(String node, String kind, int rows, int cols, long nonZeros, int distinctValues,
                          String format, long bytes) {
    /** Bytes of the matrix as dense float32. */
    public long float32Bytes() {
        return 4L * rows * cols;
    }

    /** Stored bits per weight (per entry of the matrix, zeros included). */
    public double bitsPerWeight() {
        long n = (long) rows * cols;
        return n == 0 ? 0 : 8.0 * bytes / n;
    }

    /** Stored bytes over float32 bytes. */
    public double occupancy() {
        return float32Bytes() == 0 ? 0 : (double) bytes / float32Bytes();
    }

    /** One report per weighted layer of {@code graph}, in node order. */
    public static List<LayerReport> of(Graph graph) {
        List<LayerReport> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer w) {
                CompressedMatrix m = w.weights();
                Set<Integer> values = new HashSet<>();
                for (float v : m.toDense().data()) {
                    if (v != 0f) {
                        values.add(Float.floatToIntBits(v));
                    }
                }
                out.add(new LayerReport(n.name(), n.layer().kind(), m.rows(), m.cols(), m.nonZeros(), values.size(),
                        m.format().name(), m.size().totalBytes()));
            }
        }
        return out;
    }
}
