package org.sham4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sham4j.compress.Comparison;
import org.sham4j.compress.CompressionResult;
import org.sham4j.compress.Stage;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.io.WeightSizes;

/**
 * Results rows: the key of a configuration and the JSON object written for it. The key is the first 16 hex digits
 * of the SHA-256 of the canonical JSON (keys sorted, no spaces) of {@code {"baseline": ..., "config": ...}}, where
 * {@code config} is the row's {@code config} and {@code baseline} identifies the original model exactly (a file's
 * SHA-256, or a zoo architecture with its training recipe, data set and preprocessing).
 */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Rows() {
    }

    /** The row's {@code config}: model, data, then the configuration's fields. */
    static Map<String, Object> config(String model, String data, Configuration c) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model);
        config.put("data", data);
        config.putAll(c.fields());
        return config;
    }

    /** The 16-hex-digit key of a configuration of a baseline. */
    static String key(Map<String, Object> config, String baseline) {
        Map<String, Object> material = new LinkedHashMap<>();
        material.put("baseline", baseline);
        material.put("config", config);
        try {
            return sha256(CANONICAL.writeValueAsString(material)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row of a finished configuration (see the README's sweep section for every field). */
    static ObjectNode row(String key, Map<String, Object> config, List<String> selected, CompressionResult r,
            Comparison c, double wallSeconds) {
        ObjectNode row = NODES.objectNode();
        row.put("key", key);
        row.set("config", JSON.valueToTree(config));
        row.put("metric", c.metric());
        putNumber(row, "score", c.score());
        putNumber(row, "baseline", c.baseline());
        putNumber(row, "difference", c.difference());
        putNumber(row, "ci", r.classification() ? null : c.compressed().concordanceIndex());
        putNumber(row, "baselineCi", r.classification() ? null : c.original().concordanceIndex());
        row.put("bytes", c.bytes(selected));
        row.put("denseBytes", c.denseBytes(selected));
        row.put("occupancy", c.occupancy(selected));
        row.put("modelBytes", c.bytes());
        row.put("modelDenseBytes", c.denseBytes());
        row.put("modelOccupancy", c.occupancy());
        row.put("fileBytes", r.fileBytes());
        putNumber(row, "timeRatio", c.timeRatio());
        putNumber(row, "energyPerSample", c.compressedPicojoules());
        putNumber(row, "baseEnergyPerSample", c.originalPicojoules());
        ArrayNode layers = row.putArray("layers");
        for (LayerReport l : r.layers()) {
            WeightSizes.Layer s = l.size();
            layers.addObject().put("node", s.node()).put("op", s.kind()).put("rows", s.rows()).put("cols", s.cols())
                    .put("format", s.format()).put("bytes", s.storedBytes()).put("denseBytes", s.float32Bytes())
                    .put("nnz", l.nonZeros()).put("k", l.distinctValues()).put("occupancy", s.psi())
                    .put("selected", selected.contains(s.node()));
        }
        row.put("wallSeconds", wallSeconds);
        row.set("seed", JSON.valueToTree(config.get("seed")));
        row.put("version", version());
        row.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        row.put("batchNanos", c.compressedNanos());
        row.put("baseBatchNanos", c.originalNanos());
        row.put("timedBatch", c.batch());
        ArrayNode stages = row.putArray("stages");
        for (Stage s : r.stages()) {
            stages.add(JSON.valueToTree(s.fields()));
        }
        return row;
    }

    private static void putNumber(ObjectNode row, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            row.putNull(field);
        } else {
            row.put(field, value);
        }
    }

    /** The sham4j version recorded at build time. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Rows.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
