package org.sham4j.keras;

import static org.sham4j.keras.LayerConverter.single;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;

/** Converters of Dense, Embedding, BatchNormalization, Activation and Dropout layers. */
final class CoreLayers {
    private CoreLayers() {
    }

    /** Dense on (batch, features), its activation as a node of its own. */
    static KerasTensor dense(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights, GraphBuilder graph)
            throws InvalidInputException {
        KerasTensor t = single(layer, inputs);
        if (t.rank() != 1) {
            throw layer.invalid("input of shape " + Arrays.toString(t.shape())
                    + ": only Dense on (batch, features) is supported (add a Flatten)");
        }
        int in = t.shape()[0];
        int units = layer.positive("units");
        float[] kernel = weights.get("kernel", in, units);
        float[] bias = layer.bool("use_bias", true) ? weights.get("bias", units) : null;
        KerasTensor out = graph.add(layer.name(), new Dense(LayerWeights.matrix(in, units, kernel), bias),
                List.of(t), new int[] {units}, false);
        return graph.activation(layer, layer.string("activation", "linear"), out);
    }

    /** Embedding: integer indices of any shape S give S + (output_dim). */
    static KerasTensor embedding(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights,
                                 GraphBuilder graph) throws InvalidInputException {
        KerasTensor t = graph.channelsLast(single(layer, inputs));
        if (layer.bool("mask_zero", false)) {
            throw layer.unsupported("mask_zero", true);
        }
        int vocab = layer.positive("input_dim");
        int dim = layer.positive("output_dim");
        float[] table = weights.get("embeddings", vocab, dim);
        int[] shape = Arrays.copyOf(t.shape(), t.rank() + 1);
        shape[t.rank()] = dim;
        return graph.add(layer.name(), new Embedding(new DenseMatrix(vocab, dim, table)), List.of(t), shape, false);
    }

    /** BatchNormalization over the channel (last Keras) axis, in inference form. */
    static KerasTensor batchNorm(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights,
                                 GraphBuilder graph) throws InvalidInputException {
        KerasTensor t = single(layer, inputs);
        JsonNode axisJson = layer.raw("axis");
        JsonNode axis = axisJson != null && axisJson.isArray() && axisJson.size() == 1 ? axisJson.get(0) : axisJson;
        int a = axis == null || axis.isNull() ? -1 : axis.isIntegralNumber() ? axis.asInt() : Integer.MIN_VALUE;
        if (a != -1 && a != t.rank()) {
            throw layer.unsupported("axis", axisJson + " (only the channel axis, -1)");
        }
        t = graph.channelsFirst(t);
        int c = t.channels();
        float[] gamma = layer.bool("scale", true) ? weights.get("gamma", c) : filled(c, 1f);
        float[] beta = layer.bool("center", true) ? weights.get("beta", c) : filled(c, 0f);
        float[] mean = weights.get("moving_mean", c);
        float[] variance = weights.get("moving_variance", c);
        float epsilon = (float) layer.number("epsilon", 1e-3);
        return graph.add(layer.name(), new BatchNorm(gamma, beta, mean, variance, epsilon), List.of(t), t.shape(),
                t.channelsFirst());
    }

    /** An Activation layer. */
    static KerasTensor activation(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights,
                                  GraphBuilder graph) throws InvalidInputException {
        String function = layer.string("activation", null);
        if (function == null) {
            throw layer.invalid("option activation is missing");
        }
        return graph.activation(layer, function, single(layer, inputs));
    }

    /** Dropout: kept as a node (the identity at inference) so training can use it. */
    static KerasTensor dropout(LayerConfig layer, List<KerasTensor> inputs, LayerWeights weights,
                               GraphBuilder graph) throws InvalidInputException {
        KerasTensor t = single(layer, inputs);
        double rate = layer.number("rate", 0);
        if (!(rate >= 0 && rate < 1)) {
            throw layer.unsupported("rate", rate);
        }
        return graph.add(layer.name(), new Dropout((float) rate), List.of(t), t.shape(), t.channelsFirst());
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
