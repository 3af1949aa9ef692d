package org.sham4j.model.graph;

/** Elementwise sum of two or more inputs of the same shape. */
public record Add() implements Layer {
    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.add(this);
    }

    @Override
    public String kind() {
        return "Add";
    }
}
