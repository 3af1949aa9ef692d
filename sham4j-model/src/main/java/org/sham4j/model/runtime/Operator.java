package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;

/**
 * One compiled graph node: computes its output from its input tensors (batch axis included). A shape that
 * does not fit throws an IllegalArgumentException naming the shapes; the runner adds the node and op.
 */
interface Operator {
    Tensor apply(Tensor[] inputs, ProductExecutor executor);
}
