package org.sham4j.core.prune;

/**
 * A pruned copy of one array of weights, the mask of the weights kept, and the threshold: every pruned weight
 * has a magnitude of at most {@code threshold}, every kept one at least (0 if nothing was pruned).
 */
public record PruneResult(float[] weights, PruneMask mask, float threshold) {
}
