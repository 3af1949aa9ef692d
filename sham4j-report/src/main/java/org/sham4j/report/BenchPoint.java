package org.sham4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * One (matrix, pruning level, format) record of {@code sham bench --json}.
 *
 * @param series     the matrix and how its values were shared: the records of one Figure 1. Matrices benched as
 *                   they are, named alike but for a {@code p<level>} part (the sHAM authors' layers
 *                   {@code vgg19-mnist-fc1_p30_k32}, {@code ..._p40_k32}, ...), form one series {@code ..._p*_k32}
 * @param prune      percent of entries pruned: the level bench pruned to, or the matrix's share of zeros when
 *                   bench took it as it was
 * @param vectorMicros product time of one vector on one thread, µs (NaN when bench skipped timing)
 * @param nanojoules estimated energy of one product, nJ (NaN in files from before the energy model)
 */
record BenchPoint(String where, String series, String matrix, String format, double prune, long rows, long cols,
                  double bitsPerEntry, double vectorMicros, double nanojoules, double picojoulesPerEntry) {

    /** A pruning level in a matrix's name: {@code p95} between separators. */
    private static final Pattern LEVEL_IN_NAME = Pattern.compile("(?<=^|[_.\\-])p\\d+(\\.\\d+)?(?=[_.\\-]|$)");

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
        long rows = (long) Json.number(r, "rows", where);
        long cols = (long) Json.number(r, "cols", where);
        String series = matrix;
        if (Double.isNaN(prune)) {
            double nnz = Json.required(r, "nnz", where);
            prune = rows * cols == 0 ? 0 : Math.round(1e4 * (1 - nnz / ((double) rows * cols))) / 100.0;
            series = LEVEL_IN_NAME.matcher(matrix).replaceFirst("p*");
        }
        if (quantizer != null && !quantizer.equals("none")) {
            series += " · " + quantizer;
        }
        return new BenchPoint(where, series, matrix, format, prune, rows, cols,
                Json.required(r, "bitsPerEntry", where), Json.number(r, "vectorNanos", where) / 1e3,
                Json.number(r, "productPicojoules", where) / 1e3, Json.number(r, "picojoulesPerEntry", where));
    }

    /** Whether {@code node} looks like bench output: an array of objects with a format and bits per entry. */
    static boolean looksLike(JsonNode node) {
        return node.isArray() && !node.isEmpty() && node.get(0).has("format") && node.get(0).has("bitsPerEntry");
    }
}
