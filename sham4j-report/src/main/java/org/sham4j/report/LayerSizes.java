package org.sham4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The size of each weighted layer of one compressed model before (float32) and after (as stored), from the JSON
 * of {@code sham compress} or {@code sham compare}.
 *
 * @param name what the model is called in the report: its file name
 */
record LayerSizes(String name, List<Layer> layers) {
    /** One layer: its node, operation, shape, storage format and sizes in bytes. */
    record Layer(String node, String op, String shape, String format, long denseBytes, long bytes) {
    }

    static LayerSizes of(String name, JsonNode o, String where) {
        List<Layer> layers = new ArrayList<>();
        int k = 0;
        for (JsonNode l : o.get("layers")) {
            String at = where + " layer " + k++;
            String node = Json.text(l, "node");
            if (node == null) {
                throw new IllegalArgumentException(at + ": missing 'node'");
            }
            String shape = l.has("shape") ? Json.display(l.get("shape")).replace("/", "x")
                    : l.has("rows") ? Json.display(l.get("rows")) + "x" + Json.display(l.get("cols")) : "–";
            layers.add(new Layer(node, orDash(Json.text(l, "op")), shape, orDash(Json.text(l, "format")),
                    (long) Json.required(l, "denseBytes", at), (long) Json.required(l, "bytes", at)));
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(where + ": no layers");
        }
        return new LayerSizes(name, layers);
    }

    private static String orDash(String s) {
        return s == null ? "–" : s;
    }

    /** Whether {@code node} looks like compress or compare output: an object with layers that have sizes. */
    static boolean looksLike(JsonNode node) {
        JsonNode layers = node.get("layers");
        return node.isObject() && layers != null && layers.isArray() && !layers.isEmpty()
                && layers.get(0).has("node") && layers.get(0).has("bytes") && layers.get(0).has("denseBytes");
    }
}
