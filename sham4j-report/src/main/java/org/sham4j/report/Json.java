package org.sham4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading the JSON that sham writes: typed field access with one-line errors naming where the value was. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses {@code text}; {@code where} names it in the error (file, or file and line). */
    static JsonNode parse(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(where + ": not JSON (" + msg + ")");
        }
    }

    /** A number field, NaN when absent or null; anything else is refused. */
    static double number(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is not a number: " + v);
        }
        return v.asDouble();
    }

    /** A number field that must be there and finite. */
    static double required(JsonNode o, String field, String where) {
        double v = number(o, field, where);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": missing number '" + field + "'");
        }
        return v;
    }

    /** A text field, or the JSON of any other value, or null when absent or null. */
    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** The value as text: a list joined by "/", a number without a needless ".0". */
    static String display(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(display(e)));
            return String.join("/", parts);
        }
        return v.isNumber() ? display(v.asDouble()) : v.asText();
    }

    /** A number without a needless ".0": 90 for 90.0, 99.5 for 99.5. */
    static String display(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The value with object fields sorted at every depth: equal values give equal strings. */
    static String canonical(JsonNode v) {
        return MAPPER.valueToTree(sorted(v)).toString();
    }

    private static Object sorted(JsonNode v) {
        if (v.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            v.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(e -> l.add(sorted(e)));
            return l;
        }
        return v;
    }
}
