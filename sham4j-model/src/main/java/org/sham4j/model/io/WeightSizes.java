package org.sham4j.model.io;

import java.util.ArrayList;
import java.util.List;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/**
 * What the weight matrices of a model occupy: per weighted layer the bytes of its stored matrix (exactly as
 * embedded in the model file) and of the same matrix as dense float32, whose ratio is the occupancy psi.
 */
public record WeightSizes(List<Layer> layers) {
    /** One weighted layer: its node, op, storage format, shape and sizes. */
    public record Layer(String node, String kind, String format, int rows, int cols, long storedBytes,
                        long float32Bytes) {
        /** Stored bytes over float32 bytes. */
        public double psi() {
            return float32Bytes == 0 ? 0 : (double) storedBytes / float32Bytes;
        }
    }

    public WeightSizes {
        layers = List.copyOf(layers);
    }

    /** The sizes of every weighted layer of {@code graph}, in node order. */
    public static WeightSizes of(Graph graph) {
        List<Layer> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer w) {
                CompressedMatrix m = w.weights();
                out.add(new Layer(n.name(), n.layer().kind(), m.format().name(), m.rows(), m.cols(),
                        m.size().totalBytes(), 4L * m.rows() * m.cols()));
            }
        }
        return new WeightSizes(out);
    }

    public long storedBytes() {
        return layers.stream().mapToLong(Layer::storedBytes).sum();
    }

    public long float32Bytes() {
        return layers.stream().mapToLong(Layer::float32Bytes).sum();
    }

    /** Occupancy of all the weights: stored bytes over float32 bytes. */
    public double psi() {
        long f = float32Bytes();
        return f == 0 ? 0 : (double) storedBytes() / f;
    }
}
