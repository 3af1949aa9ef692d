package org.sham4j.model.runtime;

import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/** The operator that runs each kind of layer. */
final class Operators implements LayerVisitor<Operator> {
    private final WeightProducts products;

    private Operators(WeightProducts products) {
        this.products = products;
    }

    /** The operator for {@code layer}, its weights multiplied as {@code products} says. */
    static Operator of(Layer layer, WeightProducts products) {
        return layer.accept(new Operators(products));
    }

    @Override
    public Operator dense(Dense layer) {
        return new DenseOperator(layer, products);
    }

    @Override
    public Operator conv(Conv layer) {
        return new ConvOperator(layer, products);
    }

    @Override
    public Operator pool(Pool layer) {
        return new PoolOperator(layer);
    }

    @Override
    public Operator globalPool(GlobalPool layer) {
        return new GlobalPoolOperator(layer);
    }

    @Override
    public Operator flatten(Flatten layer) {
        return new FlattenOperator(layer);
    }

    @Override
    public Operator reshape(Reshape layer) {
        return new ReshapeOperator(layer);
    }

    @Override
    public Operator transpose(Transpose layer) {
        return new TransposeOperator(layer);
    }

    @Override
    public Operator embedding(Embedding layer) {
        return new EmbeddingOperator(layer);
    }

    @Override
    public Operator concat(Concat layer) {
        return new ConcatOperator(layer);
    }

    @Override
    public Operator add(Add layer) {
        return new AddOperator();
    }

    @Override
    public Operator batchNorm(BatchNorm layer) {
        return new BatchNormOperator(layer);
    }

    @Override
    public Operator dropout(Dropout layer) {
        return (inputs, executor) -> inputs[0];
    }

    @Override
    public Operator activation(Activation layer) {
        return new ActivationOperator(layer);
    }

    @Override
    public Operator softmax(Softmax layer) {
        return new SoftmaxOperator(layer);
    }

    @Override
    public Operator binary(Binary layer) {
        return new BinaryOperator(layer);
    }

    @Override
    public Operator reduce(Reduce layer) {
        return new ReduceOperator(layer);
    }

    @Override
    public Operator layerNorm(LayerNorm layer) {
        return new LayerNormOperator(layer);
    }

    @Override
    public Operator pad(Pad layer) {
        return new PadOperator(layer);
    }

    @Override
    public Operator slice(Slice layer) {
        return new SliceOperator(layer);
    }

    @Override
    public Operator convTranspose(ConvTranspose layer) {
        return new ConvTransposeOperator(layer, products);
    }

    @Override
    public Operator recurrent(Recurrent layer) {
        return new RecurrentOperator(layer, products);
    }
}
