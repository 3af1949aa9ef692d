package org.sham4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.sham4j.core.io.AtomicFiles;

/**
 * The CSV beside {@code results.jsonl}: one line per row with its scalar fields, {@code config}'s fields flattened
 * to plain column names (a list, such as one pruning target per layer, joined with {@code ;}), without the
 * per-layer and per-stage arrays; null as an empty cell.
 */
final class ResultsCsv {
    private static final CsvMapper CSV = new CsvMapper();

    private ResultsCsv() {
    }

    /** Rewrites {@code file} atomically from {@code rows}. */
    static void write(Path file, List<ObjectNode> rows) throws IOException {
        Set<String> config = new LinkedHashSet<>();
        Set<String> top = new LinkedHashSet<>();
        top.add("key");
        for (ObjectNode row : rows) {
            row.path("config").fieldNames().forEachRemaining(config::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("config") && !e.getValue().isContainerNode()) {
                    top.add(e.getKey());
                }
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add("key");
        columns.addAll(config);
        top.stream().filter(c -> !c.equals("key") && !config.contains(c)).forEach(columns::add);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        List<List<String>> lines = new ArrayList<>();
        for (ObjectNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.path("config").has(c) ? row.path("config").get(c) : row.get(c);
                cells.add(cell(v));
            }
            lines.add(cells);
        }
        byte[] bytes = CSV.writer(schema.build()).writeValueAsBytes(lines);
        AtomicFiles.write(file, bytes);
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isArray()) {
            return StreamSupport.stream(v.spliterator(), false).map(ResultsCsv::cell)
                    .collect(Collectors.joining(";"));
        }
        return v.isTextual() ? v.asText() : v.toString();
    }
}
