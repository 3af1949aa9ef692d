package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.prune.MagnitudePruner;
import org.sham4j.core.prune.PruneMask;
import org.sham4j.core.prune.PruneResult;
import org.sham4j.model.graph.Graph;

/**
 * Magnitude pruning of a model's selected layers, each layer to the same sparsity or all of them with one
 * threshold (global). Zeros already there count as pruned first, so pruning again to a higher sparsity keeps
 * every earlier zero.
 *
 * @param graph the graph with the pruned weights (stored dense)
 * @param masks the weights kept, per node
 */
public record Pruning(Graph graph, Map<String, PruneMask> masks) {
    public Pruning {
        masks = Map.copyOf(masks);
    }

    /** Prunes {@code percent} percent of the weights of the named nodes, per layer or globally. */
    public static Pruning prune(Graph graph, List<String> nodes, double percent,
            boolean global) {
        Map<String, DenseMatrix> weights = GraphWeights.of(graph, nodes);
        List<float[]> arrays = new ArrayList<>();
        for (DenseMatrix m : weights.values()) {
            arrays.add(m.data());
        }
        List<PruneResult> results = global ? MagnitudePruner.pruneGlobal(arrays, percent)
                : MagnitudePruner.prunePerLayer(arrays, percent);
        Map<String, DenseMatrix> pruned = new LinkedHashMap<>();
        Map<String, PruneMask> masks = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, DenseMatrix> e : weights.entrySet()) {
            PruneResult r = results.get(k++);
            pruned.put(e.getKey(), new DenseMatrix(e.getValue().rows(), e.getValue().cols(), r.weights()));
            masks.put(e.getKey(), r.mask());
        }
        return new Pruning(GraphWeights.replace(graph, pruned), masks);
    }

    /** Prunes each named node to its own percentage (in the map's order). */
    public static Pruning prune(Graph graph, Map<String, Double> percentByNode) {
        Map<String, DenseMatrix> weights = GraphWeights.of(graph, List.copyOf(percentByNode.keySet()));
        Map<String, DenseMatrix> pruned = new LinkedHashMap<>();
        Map<String, PruneMask> masks = new LinkedHashMap<>();
        for (Map.Entry<String, DenseMatrix> e : weights.entrySet()) {
            PruneResult r = MagnitudePruner.prune(e.getValue().data(), percentByNode.get(e.getKey()));
            pruned.put(e.getKey(), new DenseMatrix(e.getValue().rows(), e.getValue().cols(), r.weights()));
            masks.put(e.getKey(), r.mask());
        }
        return new Pruning(GraphWeights.replace(graph, pruned), masks);
    }

    /** Percent of the weights of all pruned layers that are pruned. */
    public double sparsity() {
        long size = 0;
        long pruned = 0;
        for (PruneMask m : masks.values()) {
            size += m.size();
            pruned += m.prunedCount();
        }
        return size == 0 ? 0 : 100.0 * pruned / size;
    }
}
