package org.sham4j.model.compress;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.prune.PruneMask;

/**
 * What fine-tuning must keep: pruned weights of the masked layers stay exactly 0; the weights of shared layers
 * always equal their shared values, only the codebooks learning (assignments and zeros fixed). A layer in
 * neither trains freely.
 *
 * @param masks  the kept weights of pruned layers, by node
 * @param shared the shared layers (their zeros are their kept-zero assignments)
 */
public record WeightConstraints(Map<String, PruneMask> masks, SharedLayers shared) {
    /** No constraint: every weight trains freely. */
    public static final WeightConstraints NONE = new WeightConstraints(Map.of(), new SharedLayers(List.of()));

    public WeightConstraints {
        masks = Map.copyOf(masks);
    }

    /** The nodes under a constraint: masked or shared. */
    public Set<String> nodes() {
        Set<String> nodes = new HashSet<>(masks.keySet());
        shared.groups().forEach(g -> nodes.addAll(g.assignments().keySet()));
        return nodes;
    }

    /** Only pruning masks. */
    public static WeightConstraints masked(Map<String, PruneMask> masks) {
        return new WeightConstraints(masks, NONE.shared());
    }

    /** Only shared layers. */
    public static WeightConstraints shared(SharedLayers shared) {
        return new WeightConstraints(Map.of(), shared);
    }
}
