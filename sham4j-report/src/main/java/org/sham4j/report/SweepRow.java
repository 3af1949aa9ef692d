package org.sham4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One finished configuration of a sweep: a line of {@code results.jsonl}. Numbers that a row may lack (or hold
 * as null) are NaN.
 *
 * @param where        file and line, for messages
 * @param experiment   what the rows of one set of tables share: model, data, layer group and metric
 * @param setting      the configuration without its seed, as canonical JSON: the rows of one setting are its
 *                     repeats
 * @param config       that configuration
 * @param prune        the pruning level(s) as text, e.g. {@code 90} or {@code 90/95}
 * @param method       {@code none} or a quantizer name
 * @param k            shared values asked for, null for none
 * @param higherIsBetter true for accuracy, false for MSE
 */
record SweepRow(String where, String experiment, String setting, ObjectNode config, String model, String data, String layers,
                String metric, boolean higherIsBetter, String prune, String method, Integer k, boolean unified,
                String format, double score, double baseline, double occupancy, double modelOccupancy,
                double bytes, double denseBytes, double timeRatio, double energyPerSample,
                double baseEnergyPerSample, double wallSeconds) {

    /** Reads a row; refuses one without a configuration, a known metric, a score, a baseline or an occupancy. */
    static SweepRow of(JsonNode row, String where) {
        if (!row.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        JsonNode config = row.get("config");
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(where + ": missing object 'config'");
        }
        String metric = Json.text(row, "metric");
        if (!"accuracy".equals(metric) && !"mse".equals(metric)) {
            throw new IllegalArgumentException(where + ": 'metric' must be \"accuracy\" or \"mse\", got " + metric);
        }
        String model = orDash(Json.display(config.get("model")));
        String data = orDash(Json.display(config.get("data")));
        String layers = orDash(Json.display(config.get("layers")));
        String method = Json.display(config.get("method"));
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException(where + ": missing 'config.method'");
        }
        JsonNode kNode = config.get("k");
        Integer k = null;
        if (kNode != null && !kNode.isNull()) {
            if (!kNode.canConvertToInt() || !kNode.isIntegralNumber()) {
                throw new IllegalArgumentException(where + ": 'config.k' is not an integer: " + kNode);
            }
            k = kNode.asInt();
        }
        ObjectNode withoutSeed = ((ObjectNode) config).deepCopy();
        withoutSeed.remove("seed");
        String prune = Json.display(config.get("prune"));
        return new SweepRow(where, model + " · " + data + " · " + layers + " · " + metric,
                Json.canonical(withoutSeed), withoutSeed, model, data, layers, metric, metric.equals("accuracy"),
                prune == null ? "0" : prune, method, k, config.path("unified").asBoolean(false),
                orDash(Json.display(config.get("format"))), Json.required(row, "score", where),
                Json.required(row, "baseline", where), Json.required(row, "occupancy", where),
                Json.number(row, "modelOccupancy", where), Json.number(row, "bytes", where),
                Json.number(row, "denseBytes", where), Json.number(row, "timeRatio", where),
                Json.number(row, "energyPerSample", where), Json.number(row, "baseEnergyPerSample", where),
                Json.number(row, "wallSeconds", where));
    }

    /** The model as titles and file names show it: a zoo architecture, or a model file's name without extension. */
    String modelName() {
        return stem(model);
    }

    /** The data set as titles and file names show it: its kind ({@code mnist} of {@code mnist:DIR}) or file name. */
    String dataName() {
        int colon = data.indexOf(':');
        return colon > 0 ? data.substring(0, colon) : stem(data);
    }

    private static String stem(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String orDash(String s) {
        return s == null ? "–" : s;
    }

    /** The pruning level for ordering: the first number of {@link #prune}. */
    double pruneOrder() {
        try {
            return Double.parseDouble(prune.split("/")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
