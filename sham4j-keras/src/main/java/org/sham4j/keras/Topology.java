package org.sham4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;

/**
 * The layer calls of a Keras model in an order where every call's inputs come first, and the keys of the
 * model's outputs, read from the {@code model_config} JSON of a Sequential or Functional model.
 */
record Topology(List<LayerCall> calls, List<String> outputs) {
    Topology {
        calls = List.copyOf(calls);
        outputs = List.copyOf(outputs);
    }

    static Topology parse(JsonNode modelConfig) throws InvalidInputException {
        String kind = modelConfig.path("class_name").asText("");
        JsonNode config = modelConfig.get("config");
        if (config == null) {
            throw new InvalidInputException("model_config has no config");
        }
        return switch (kind) {
            case "Sequential" -> sequential(config);
            case "Functional", "Model" -> functional(config);
            default -> throw new InvalidInputException("unsupported model class '" + kind
                    + "' (expected Sequential or Functional)");
        };
    }

    /** A chain; Keras 2.2 wrote the layer list as the config, and the input shape on the first layer. */
    private static Topology sequential(JsonNode config) throws InvalidInputException {
        JsonNode layers = config.isArray() ? config : config.get("layers");
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            throw new InvalidInputException("Sequential model has no layers");
        }
        List<LayerCall> calls = new ArrayList<>();
        String previous = null;
        for (JsonNode entry : layers) {
            LayerConfig layer = layer(entry);
            if (previous == null && !layer.className().equals("InputLayer")) {
                previous = implicitInput(layer, calls);
            }
            List<String> in = previous == null ? List.of() : List.of(previous);
            if (previous != null && layer.className().equals("InputLayer")) {
                throw layer.invalid("an InputLayer inside a Sequential model");
            }
            previous = LayerCall.key(layer.name(), 0);
            calls.add(new LayerCall(layer, in, previous));
        }
        return new Topology(calls, List.of(previous));
    }

    /** The InputLayer Keras builds from the first layer's batch_input_shape. */
    private static String implicitInput(LayerConfig first, List<LayerCall> calls) throws InvalidInputException {
        JsonNode shape = first.raw("batch_input_shape");
        if (shape == null || shape.isNull()) {
            throw first.invalid("the first layer of a Sequential model gives no batch_input_shape");
        }
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("batch_input_shape", shape);
        String name = first.name() + "_input";
        input.put("name", name);
        calls.add(new LayerCall(new LayerConfig(name, "InputLayer", input), List.of(), LayerCall.key(name, 0)));
        return LayerCall.key(name, 0);
    }

    private static Topology functional(JsonNode config) throws InvalidInputException {
        JsonNode layers = config.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new InvalidInputException("Functional model has no layers");
        }
        List<LayerCall> pending = new ArrayList<>();
        for (JsonNode entry : layers) {
            LayerConfig layer = layer(entry);
            JsonNode nodes = entry.get("inbound_nodes");
            if (layer.className().equals("InputLayer") || nodes == null || nodes.isEmpty()) {
                if (!layer.className().equals("InputLayer")) {
                    throw layer.invalid("a layer with no inbound nodes");
                }
                pending.add(new LayerCall(layer, List.of(), LayerCall.key(layer.name(), 0)));
                continue;
            }
            for (int call = 0; call < nodes.size(); call++) {
                List<String> in = new ArrayList<>();
                inboundRefs(layer, nodes.get(call), in);
                if (in.isEmpty()) {
                    throw layer.invalid("inbound node " + call + " names no input");
                }
                pending.add(new LayerCall(layer, in, LayerCall.key(layer.name(), call)));
            }
        }
        List<String> outputs = new ArrayList<>();
        JsonNode outs = config.get("output_layers");
        if (outs == null || !outs.isArray() || outs.isEmpty()) {
            throw new InvalidInputException("Functional model has no output_layers");
        }
        if (outs.get(0).isTextual()) {
            outputs.add(ref(null, outs));
        } else {
            for (JsonNode o : outs) {
                outputs.add(ref(null, o));
            }
        }
        return new Topology(ordered(pending), outputs);
    }

    /**
     * The tensor keys one inbound node reads: Keras 2 lists [layer, node, tensor, kwargs] entries; Keras 3 nests
     * {"keras_history": [layer, node, tensor]} inside its args.
     */
    private static void inboundRefs(LayerConfig layer, JsonNode node, List<String> out) throws InvalidInputException {
        if (node.isArray() && node.size() >= 3 && node.get(0).isTextual() && node.get(1).isIntegralNumber()) {
            out.add(ref(layer, node));
        } else if (node.isContainerNode()) {
            JsonNode history = node.get("keras_history");
            if (history != null) {
                out.add(ref(layer, history));
                return;
            }
            for (JsonNode child : node) {
                inboundRefs(layer, child, out);
            }
        }
    }

    private static String ref(LayerConfig layer, JsonNode r) throws InvalidInputException {
        if (!r.isArray() || r.size() < 3 || !r.get(0).isTextual() || !r.get(1).isIntegralNumber()) {
            String msg = "malformed tensor reference " + r;
            throw layer == null ? new InvalidInputException(msg) : layer.invalid(msg);
        }
        if (r.get(2).asInt() != 0) {
            String msg = "reads output " + r.get(2).asInt() + " of layer '" + r.get(0).asText()
                    + "': only single-output layers are supported";
            throw layer == null ? new InvalidInputException(msg) : layer.invalid(msg);
        }
        return LayerCall.key(r.get(0).asText(), r.get(1).asInt());
    }

    /** Calls in dependency order, keeping the file's order where it already fits. */
    private static List<LayerCall> ordered(List<LayerCall> pending) throws InvalidInputException {
        List<LayerCall> out = new ArrayList<>();
        Set<String> known = new HashSet<>();
        List<LayerCall> rest = new ArrayList<>(pending);
        while (!rest.isEmpty()) {
            boolean progress = false;
            for (Iterator<LayerCall> it = rest.iterator(); it.hasNext(); ) {
                LayerCall c = it.next();
                if (known.containsAll(c.inputs())) {
                    out.add(c);
                    known.add(c.output());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                LayerCall c = rest.get(0);
                List<String> missing = new ArrayList<>(c.inputs());
                missing.removeAll(known);
                throw c.layer().invalid("reads " + missing + ", which no layer gives (or the layers form a cycle)");
            }
        }
        return out;
    }

    private static LayerConfig layer(JsonNode entry) throws InvalidInputException {
        String className = entry.path("class_name").asText("");
        JsonNode cfg = entry.get("config");
        if (className.isEmpty() || cfg == null || !cfg.isObject()) {
            throw new InvalidInputException("malformed layer entry in model_config: " + abbreviate(entry));
        }
        String name = cfg.path("name").asText(entry.path("name").asText(""));
        if (name.isEmpty()) {
            throw new InvalidInputException("a " + className + " layer without a name");
        }
        return new LayerConfig(name, className, cfg);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
