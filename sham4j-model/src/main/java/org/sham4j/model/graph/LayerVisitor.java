package org.sham4j.model.graph;

/**
 * One method per kind of layer: what the runtime, the shape inference, the model file, the trainer and the
 * exporter implement, so that a new layer kind makes the compiler name every place that must handle it.
 *
 * @param <R> what a visit gives
 */
public interface LayerVisitor<R> {
    R dense(Dense layer);

    R conv(Conv layer);

    R pool(Pool layer);

    R globalPool(GlobalPool layer);

    R flatten(Flatten layer);

    R reshape(Reshape layer);

    R transpose(Transpose layer);

    R embedding(Embedding layer);

    R concat(Concat layer);

    R add(Add layer);

    R batchNorm(BatchNorm layer);

    R dropout(Dropout layer);

    R activation(Activation layer);

    R softmax(Softmax layer);

    R binary(Binary layer);

    R reduce(Reduce layer);

    R layerNorm(LayerNorm layer);

    R pad(Pad layer);

    R slice(Slice layer);

    R convTranspose(ConvTranspose layer);

    R recurrent(Recurrent layer);
}
