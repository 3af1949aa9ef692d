package org.sham4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.sham4j.core.io.InvalidInputException;

/**
 * The {@code config} object of one Keras layer, with typed getters whose errors name the layer, its class and
 * the option.
 */
final class LayerConfig {
    private final String name;
    private final String className;
    private final JsonNode config;

    LayerConfig(String name, String className, JsonNode config) {
        this.name = name;
        this.className = className;
        this.config = config;
    }

    String name() {
        return name;
    }

    String className() {
        return className;
    }

    boolean has(String key) {
        JsonNode v = config.get(key);
        return v != null && !v.isNull();
    }

    String string(String key, String orElse) throws InvalidInputException {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return orElse;
        }
        if (!v.isTextual()) {
            throw invalid("option " + key + " is not a string: " + v);
        }
        return v.asText();
    }

    boolean bool(String key, boolean orElse) throws InvalidInputException {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return orElse;
        }
        if (!v.isBoolean()) {
            throw invalid("option " + key + " is not a boolean: " + v);
        }
        return v.asBoolean();
    }

    double number(String key, double orElse) throws InvalidInputException {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return orElse;
        }
        if (!v.isNumber()) {
            throw invalid("option " + key + " is not a number: " + v);
        }
        return v.asDouble();
    }

    int integer(String key) throws InvalidInputException {
        JsonNode v = config.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw invalid("option " + key + " must be an integer, got " + v);
        }
        return v.asInt();
    }

    /** A positive integer option. */
    int positive(String key) throws InvalidInputException {
        int v = integer(key);
        if (v < 1) {
            throw invalid("option " + key + " must be positive, got " + v);
        }
        return v;
    }

    /**
     * An option of {@code dims} positive integers given as one number (for every axis) or a list; {@code orElse}
     * when absent or null (null when required).
     */
    int[] ints(String key, int dims, int[] orElse) throws InvalidInputException {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            if (orElse == null) {
                throw invalid("option " + key + " is missing");
            }
            return orElse.clone();
        }
        int[] out = new int[dims];
        if (v.isIntegralNumber()) {
            Arrays.fill(out, v.asInt());
        } else if (v.isArray() && v.size() == dims) {
            for (int i = 0; i < dims; i++) {
                if (!v.get(i).isIntegralNumber()) {
                    throw invalid("option " + key + " must hold integers, got " + v);
                }
                out[i] = v.get(i).asInt();
            }
        } else {
            throw invalid("option " + key + " must be an integer or a list of " + dims + ", got " + v);
        }
        for (int x : out) {
            if (x < 1) {
                throw invalid("option " + key + " must be positive, got " + v);
            }
        }
        return out;
    }

    /** The raw JSON of an option, or null. */
    JsonNode raw(String key) {
        return config.get(key);
    }

    /** "layer 'name' (Class): " + message, for an InvalidInputException. */
    InvalidInputException invalid(String message) {
        return new InvalidInputException("layer '" + name + "' (" + className + "): " + message);
    }

    /** The error for an option value the importer does not support. */
    InvalidInputException unsupported(String option, Object value) {
        return invalid("unsupported " + option + " " + (value instanceof String ? "'" + value + "'" : value));
    }

    /** Fails unless the layer takes its data channels last, the only layout the importer reads. */
    void requireChannelsLast() throws InvalidInputException {
        String format = string("data_format", "channels_last");
        if (!format.equals("channels_last")) {
            throw unsupported("data_format", format);
        }
    }
}
