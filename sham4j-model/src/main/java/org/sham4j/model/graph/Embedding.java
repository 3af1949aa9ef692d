package org.sham4j.model.graph;

import org.sham4j.core.matrix.DenseMatrix;

/**
 * Looks up rows of a vocabulary x dim table: integer-valued input of shape S gives S + (dim). An index outside
 * the table is an error.
 */
public record Embedding(DenseMatrix table) implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.embedding(this);
    }

    @Override
    public String kind() {
        return "Embedding";
    }
}
