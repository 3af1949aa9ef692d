package org.sham4j.model.graph;

/**
 * One operation of a model graph. Tensors are channels-first (N, C, ...) as in ONNX; importers convert other
 * layouts. Layers hold their parameters; the runtime, the trainer and the exporters give them meaning.
 */
public sealed interface Layer permits Dense, Conv, Pool, GlobalPool, Flatten, Reshape, Transpose, Embedding,
        Concat, Add, BatchNorm, Dropout, Activation, Softmax, Binary, Reduce, LayerNorm, Pad, Slice, ConvTranspose,
        Recurrent {
    /** Short name of the operation, for messages. */
    String kind();

    /** Calls the visitor's method for this kind of layer. */
    <R> R accept(LayerVisitor<R> visitor);
}
