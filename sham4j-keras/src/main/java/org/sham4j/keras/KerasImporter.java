package org.sham4j.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.ActivationMemory;
import org.sham4j.model.graph.Graph;

/**
 * Reads a Keras 2 / tf.keras {@code .h5} model (Sequential or Functional) into a {@link Graph}. The graph runs
 * channels first: image and sequence inputs are taken as (C, H, W) or (C, L), with Preprocessing layout NHWC so
 * data in Keras' layout converts; outputs come back in Keras' layout. Supported layers: InputLayer, Dense,
 * Conv1D, Conv2D, Max/AveragePooling1D/2D, GlobalMax/AveragePooling1D/2D, Flatten, Reshape, Embedding,
 * Concatenate, Add, BatchNormalization, Dropout, Activation (relu, tanh, sigmoid, softmax, linear).
 */
public final class KerasImporter {
    private static final Map<String, LayerConverter> CONVERTERS = converters();
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private KerasImporter() {
    }

    /**
     * The model in {@code file}. A truncated or corrupt file, or an unsupported layer or option, gives an
     * {@link InvalidInputException} with a one-line message naming the file and, where it applies, the layer,
     * its class and the option.
     */
    public static Graph read(Path file) throws IOException {
        try (KerasFile h5 = KerasFile.open(file)) {
            Topology topology = Topology.parse(json(h5.modelConfig()));
            GraphBuilder graph = new GraphBuilder();
            Map<String, KerasTensor> tensors = new HashMap<>();
            for (LayerCall call : topology.calls()) {
                List<KerasTensor> in = new ArrayList<>();
                for (String key : call.inputs()) {
                    in.add(tensors.get(key));
                }
                tensors.put(call.output(), convert(call.layer(), in, h5, graph));
            }
            List<KerasTensor> outputs = new ArrayList<>();
            for (String key : topology.outputs()) {
                KerasTensor t = tensors.get(key);
                if (t == null) {
                    throw new InvalidInputException("output " + key + " is not computed by any layer");
                }
                outputs.add(t);
            }
            Graph g = graph.build(outputs);
            ActivationMemory.check(g);
            return g;
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static KerasTensor convert(LayerConfig layer, List<KerasTensor> in, KerasFile h5, GraphBuilder graph)
            throws InvalidInputException {
        if (layer.className().equals("InputLayer")) {
            return graph.input(layer.name(), InputShape.of(layer));
        }
        LayerConverter c = CONVERTERS.get(layer.className());
        if (c == null) {
            throw layer.invalid("unsupported layer class");
        }
        try {
            return c.convert(layer, in, h5.weights(layer), graph);
        } catch (IllegalArgumentException e) {
            throw layer.invalid(e.getMessage());
        }
    }

    private static JsonNode json(String text) throws InvalidInputException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("model_config is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static Map<String, LayerConverter> converters() {
        Map<String, LayerConverter> m = new HashMap<>();
        m.put("Dense", CoreLayers::dense);
        m.put("Embedding", CoreLayers::embedding);
        m.put("BatchNormalization", CoreLayers::batchNorm);
        m.put("Activation", CoreLayers::activation);
        m.put("Dropout", CoreLayers::dropout);
        m.put("Flatten", ShapeLayers::flatten);
        m.put("Reshape", ShapeLayers::reshape);
        m.put("Concatenate", ShapeLayers::concatenate);
        m.put("Add", ShapeLayers::add);
        for (String d : List.of("1D", "2D")) {
            m.put("Conv" + d, ConvLayers::conv);
            m.put("MaxPooling" + d, ConvLayers::pool);
            m.put("AveragePooling" + d, ConvLayers::pool);
            m.put("GlobalMaxPooling" + d, ConvLayers::globalPool);
            m.put("GlobalAveragePooling" + d, ConvLayers::globalPool);
        }
        return Map.copyOf(m);
    }
}
