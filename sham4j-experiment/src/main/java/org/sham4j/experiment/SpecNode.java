package org.sham4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A node of a spec's tree with its path ({@code grid.k[2]}), read strictly: every accessor refuses a missing,
 * mistyped or out-of-range value with a {@link SpecException} naming the path and what is allowed.
 */
final class SpecNode {
    private final JsonNode node;
    private final String path;
    private final String source;

    SpecNode(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    String path() {
        return path;
    }

    SpecException error(String problem) {
        return new SpecException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    boolean isObject() {
        return node.isObject();
    }

    boolean isArray() {
        return node.isArray();
    }

    boolean isNull() {
        return node == null || node.isNull();
    }

    /** Refuses any key outside {@code allowed}. */
    SpecNode keys(List<String> allowed) {
        if (!node.isObject()) {
            throw error("expected a mapping of " + String.join(", ", allowed) + ", got " + kind());
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!allowed.contains(k)) {
                throw new SpecException(source + ": unknown key '" + child(k) + "': expected one of "
                        + String.join(", ", allowed));
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    SpecNode get(String key) {
        if (!has(key)) {
            throw new SpecException(source + ": missing key '" + child(key) + "'");
        }
        return new SpecNode(node.get(key), child(key), source);
    }

    /** The items of a list; a single value counts as a list of one. */
    List<SpecNode> items() {
        List<SpecNode> out = new ArrayList<>();
        if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                out.add(new SpecNode(node.get(k), path + "[" + k + "]", source));
            }
            if (out.isEmpty()) {
                throw error("expected at least one value, got an empty list");
            }
        } else {
            out.add(this);
        }
        return out;
    }

    /** Whether the value is the string {@code text} (case-insensitive). */
    boolean isText(String text) {
        return node.isTextual() && node.asText().trim().equalsIgnoreCase(text);
    }

    String string() {
        if (!node.isTextual()) {
            throw error("expected a string, got " + kind());
        }
        return node.asText();
    }

    /** A string among {@code allowed} (case-insensitive), in its canonical spelling. */
    String choice(Set<String> allowed) {
        String s = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : null;
        if (s == null || !allowed.contains(s)) {
            throw error((s == null ? "got " + kind() : "unknown value '" + node.asText() + "'") + ", expected one of "
                    + String.join(", ", allowed));
        }
        return s;
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + kind());
        }
        return node.asBoolean();
    }

    /** A whole number in {@code min..max}. */
    int integer(int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw error("expected a whole number from " + min + " to " + max + ", got " + kind());
        }
        return node.asInt();
    }

    long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected a whole number, got " + kind());
        }
        return node.asLong();
    }

    /** A finite number in {@code min..max}; {@code above} refuses {@code min} itself. */
    double number(double min, double max, boolean above) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < min || node.asDouble() > max
                || above && node.asDouble() == min) {
            throw error("expected a number " + (above ? "above " : "from ") + fmt(min)
                    + (max == Double.MAX_VALUE ? "" : " to " + fmt(max)) + ", got " + kind());
        }
        return node.asDouble();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String kind() {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "a list" : "a mapping";
    }
}
