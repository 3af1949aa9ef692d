package org.sham4j.onnx;

import org.sham4j.core.io.InvalidInputException;

/** Turns one ONNX node into graph nodes, constants or aliases in the import context. */
@FunctionalInterface
interface OpImporter {
    void convert(OnnxNode node, ImportContext ctx) throws InvalidInputException;
}
