package org.sham4j.model.runtime;

import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/** The operator that runs each kind of layer. */
final class Operators {
    private Operators() {
    }

    static Operator of(Layer layer) {
        if (layer instanceof Dense d) {
            return new DenseOperator(d);
        } else if (layer instanceof Conv c) {
            return new ConvOperator(c);
        } else if (layer instanceof Pool p) {
            return new PoolOperator(p);
        } else if (layer instanceof GlobalPool g) {
            return new GlobalPoolOperator(g);
        } else if (layer instanceof Flatten f) {
            return new FlattenOperator(f);
        } else if (layer instanceof Reshape r) {
            return new ReshapeOperator(r);
        } else if (layer instanceof Transpose t) {
            return new TransposeOperator(t);
        } else if (layer instanceof Embedding e) {
            return new EmbeddingOperator(e);
        } else if (layer instanceof Concat c) {
            return new ConcatOperator(c);
        } else if (layer instanceof Add) {
            return new AddOperator();
        } else if (layer instanceof BatchNorm b) {
            return new BatchNormOperator(b);
        } else if (layer instanceof Dropout) {
            return (inputs, executor) -> inputs[0];
        } else if (layer instanceof Activation a) {
            return new ActivationOperator(a);
        } else if (layer instanceof Softmax s) {
            return new SoftmaxOperator(s);
        }
        throw new IllegalArgumentException("no operator for " + layer.kind());
    }

    /** Whether the layer joins several inputs; every other layer takes exactly one. */
    static boolean takesSeveral(Layer layer) {
        return layer instanceof Add || layer instanceof Concat;
    }
}
