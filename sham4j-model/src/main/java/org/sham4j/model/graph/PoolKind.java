package org.sham4j.model.graph;

/** What a pooling layer takes of its window. */
public enum PoolKind {
    MAX, AVERAGE
}
