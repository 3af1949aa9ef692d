package org.sham4j.compress;

import java.util.List;
import org.sham4j.data.Evaluation;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.graph.Graph;

/**
 * What a compression gave: the compressed graph (selected layers in their storage formats), what every weighted
 * layer costs, the stages in order, the scores of the original and of the compressed model on the test samples
 * (both on the Java runtime), the size of the model file, and the wall time of the whole run.
 *
 * @param selected  the compressed layers' nodes, in node order
 * @param layers    every weighted layer of the compressed graph, in node order
 * @param baseline  the original's score
 * @param score     the compressed model's score
 * @param fileBytes bytes of the compressed graph as a {@code .sham} file
 * @param seconds   wall time from the original's score to the compressed model's
 */
public record CompressionResult(Graph graph, List<String> selected, List<LayerReport> layers, List<Stage> stages,
                                boolean classification, Evaluation baseline, Evaluation score, long fileBytes,
                                double seconds) {
    public CompressionResult {
        selected = List.copyOf(selected);
        layers = List.copyOf(layers);
        stages = List.copyOf(stages);
    }

    /** Stored bytes of every weighted layer. */
    public long bytes() {
        return layers.stream().mapToLong(l -> l.size().storedBytes()).sum();
    }

    /** Float32 bytes of every weighted layer. */
    public long denseBytes() {
        return layers.stream().mapToLong(l -> l.size().float32Bytes()).sum();
    }

    /** Occupancy psi of all the weights: stored bytes over float32 bytes. */
    public double occupancy() {
        return (double) bytes() / denseBytes();
    }

    /** The headline score (accuracy or MSE) of the compressed model minus the original's. */
    public double difference() {
        return Metric.value(score, classification) - Metric.value(baseline, classification);
    }
}
