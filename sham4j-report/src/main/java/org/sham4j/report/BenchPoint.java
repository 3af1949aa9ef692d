package org.sham4j.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One (matrix, pruning level, format) record of {@code sham bench --json}.
 *
 * @param series     the matrix and how its values were shared: the records of one Figure 1
 * @param prune      percent of entries pruned before encoding (0 when bench did not prune)
 * @param vectorMicros product time of one vector on one thread, µs (NaN when bench skipped timing)
 * @param nanojoules estimated energy of one product, nJ (NaN in files from before the energy model)
 */
record BenchPoint(String where, String series, String matrix, String format, double prune, long rows, long cols,
                  double bitsPerEntry, double vectorMicros, double nanojoules, double picojoulesPerEntry) {

    /** Reads a record; refuses one without matrix, format or bits per entry. */
    static BenchPoint of(JsonNode r, String where) {
        if (!r.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        String matrix = Json.text(r, "matrix");
        String format = Json.text(r, "format");
        if (matrix == null || format == null) {
            throw new IllegalArgumentException(where + ": missing 'matrix' or 'format'");
        }
        String quantizer = Json.text(r, "quantizer");
        double prune = Json.number(r, "prune", where);
        return new BenchPoint(where, quantizer == null || quantizer.equals("none") ? matrix
                : matrix + " · " + quantizer, matrix, format, Double.isNaN(prune) ? 0 : prune,
                (long) Json.number(r, "rows", where), (long) Json.number(r, "cols", where),
                Json.required(r, "bitsPerEntry", where), Json.number(r, "vectorNanos", where) / 1e3,
                Json.number(r, "productPicojoules", where) / 1e3, Json.number(r, "picojoulesPerEntry", where));
    }

    /** Whether {@code node} looks like bench output: an array of objects with a format and bits per entry. */
    static boolean looksLike(JsonNode node) {
        return node.isArray() && !node.isEmpty() && node.get(0).has("format") && node.get(0).has("bitsPerEntry");
    }
}
