package org.sham4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import org.sham4j.core.io.InvalidInputException;

/** The fixed shape (without batch) of an InputLayer, from {@code batch_input_shape} (Keras 3: {@code batch_shape}). */
final class InputShape {
    private InputShape() {
    }

    static int[] of(LayerConfig layer) throws InvalidInputException {
        JsonNode s = layer.raw("batch_input_shape");
        if (s == null || s.isNull()) {
            s = layer.raw("batch_shape");
        }
        if (s == null || !s.isArray() || s.size() < 2) {
            throw layer.invalid("no batch_input_shape with at least one axis besides the batch");
        }
        int[] shape = new int[s.size() - 1];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = s.get(i + 1);
            if (d.isNull()) {
                throw layer.invalid("input axis " + (i + 1) + " has no fixed size (None): the importer needs a "
                        + "fixed input shape");
            }
            if (!d.isIntegralNumber() || d.asInt() < 1) {
                throw layer.invalid("bad batch_input_shape " + s);
            }
            shape[i] = d.asInt();
        }
        return shape;
    }
}
