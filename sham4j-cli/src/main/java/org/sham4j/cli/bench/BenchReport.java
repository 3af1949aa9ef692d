package org.sham4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import org.sham4j.cli.report.Csv;
import org.sham4j.cli.report.Json;
import org.sham4j.cli.report.Table;
import org.sham4j.model.runtime.GraphRunner;

/** {@code sham bench} results as a console table, JSON (one object per record) and CSV. */
public final class BenchReport {
    private static final List<Map.Entry<String, Function<BenchRecord, Object>>> FIELDS = List.of(
            Map.entry("matrix", BenchRecord::matrix),
            Map.entry("rows", BenchRecord::rows),
            Map.entry("cols", BenchRecord::cols),
            Map.entry("nnz", BenchRecord::nnz),
            Map.entry("distinct", BenchRecord::distinct),
            Map.entry("format", BenchRecord::format),
            Map.entry("bytes", BenchRecord::bytes),
            Map.entry("bitsPerEntry", BenchRecord::bitsPerEntry),
            Map.entry("percentOfDense", BenchRecord::percentOfDense),
            Map.entry("upperBoundBitsPerEntry", BenchRecord::upperBoundBitsPerEntry),
            Map.entry("informationLimitBitsPerEntry", BenchRecord::informationLimitBitsPerEntry),
            Map.entry("paperBitsPerEntry", BenchRecord::paperBitsPerEntry),
            Map.entry("buildNanos", BenchRecord::buildNanos),
            Map.entry("batch", BenchRecord::batch),
            Map.entry("threads", BenchRecord::threads),
            Map.entry("vectorNanos", BenchRecord::vectorNanos),
            Map.entry("batchNanos", BenchRecord::batchNanos),
            Map.entry("vectorNanosThreaded", BenchRecord::vectorNanosThreaded),
            Map.entry("batchNanosThreaded", BenchRecord::batchNanosThreaded),
            Map.entry("maxAbsError", BenchRecord::maxAbsError),
            Map.entry("productPicojoules", BenchRecord::productPicojoules),
            Map.entry("picojoulesPerEntry", BenchRecord::picojoulesPerEntry),
            Map.entry("peakHeapBytes", BenchRecord::peakHeapBytes),
            Map.entry("forked", BenchRecord::forked),
            Map.entry("forks", BenchRecord::forks),
            Map.entry("vectorSpread", BenchRecord::vectorSpread),
            Map.entry("batchSpread", BenchRecord::batchSpread),
            // The timing JVM's: forked JVMs run the same java with the bench's JVM flags.
            Map.entry("java", r -> System.getProperty("java.version")),
            Map.entry("vectorApi", r -> GraphRunner.onVectorApi()));

    /** A format that could not hold a matrix, and why (one line). */
    public record Refusal(String matrix, String format, String reason) {
    }

    private final List<BenchRecord> records;
    private final List<Refusal> refusals;

    public BenchReport(List<BenchRecord> records) {
        this(records, List.of());
    }

    public BenchReport(List<BenchRecord> records, List<Refusal> refusals) {
        this.records = records;
        this.refusals = refusals;
    }

    /**
     * The console table; a {@code prune} column when the matrices were pruned, a {@code spread} column (the larger of
     * the vector's and the batch's) when several JVMs timed each format.
     */
    public String table() {
        int threads = records.isEmpty() ? 1 : records.get(0).threads();
        boolean pruned = records.stream().anyMatch(r -> r.preparation().get("prune") != null);
        boolean spread = records.stream().anyMatch(r -> r.forks() > 1);
        List<String> header = new ArrayList<>(List.of("matrix", "format"));
        if (pruned) {
            header.add("prune %");
        }
        header.addAll(List.of("bytes", "bits/entry", "% dense", "bound b/e", "papers b/e", "limit b/e", "build ms", "vec us",
                "vec us " + threads + "t", "batch us", "batch us " + threads + "t"));
        if (spread) {
            header.add("spread");
        }
        header.addAll(List.of("max err", "nJ/product", "pJ/entry", "peak heap"));
        Table table = new Table(header.toArray(new String[0]));
        for (BenchRecord r : records) {
            double bound = r.upperBoundBitsPerEntry();
            List<String> row = new ArrayList<>(List.of(r.matrix(), r.format()));
            if (pruned) {
                Object p = r.preparation().get("prune");
                row.add(p == null ? "-" : String.format("%.4g", ((Number) p).doubleValue()));
            }
            row.addAll(List.of(Long.toString(r.bytes()), String.format("%.4f", r.bitsPerEntry()),
                    String.format("%.3f", r.percentOfDense()), Double.isNaN(bound) ? "-" : String.format("%.4f", bound),
                    Double.isNaN(r.paperBitsPerEntry()) ? "-" : String.format("%.4f", r.paperBitsPerEntry()),
                    String.format("%.4f", r.informationLimitBitsPerEntry()),
                    String.format("%.1f", r.buildNanos() / 1e6), micros(r.vectorNanos()),
                    micros(r.vectorNanosThreaded()), micros(r.batchNanos()), micros(r.batchNanosThreaded())));
            if (spread) {
                double s = Math.max(r.vectorSpread(), r.batchSpread());
                row.add(Double.isNaN(s) ? "-" : String.format("%.2fx", s));
            }
            row.addAll(List.of(String.format("%.2e", r.maxAbsError()), String.format("%.1f", r.productPicojoules() / 1e3),
                    String.format("%.3f", r.picojoulesPerEntry()),
                    org.sham4j.core.memory.MemoryBudget.format(r.peakHeapBytes()) + (r.forked() ? "" : " *")));
            table.add(row.toArray(new String[0]));
        }
        StringBuilder out = new StringBuilder(table.toString());
        if (records.stream().anyMatch(r -> !r.forked() && r.vectorNanos() != null)) {
            out.append("* timed in the bench's JVM (its file exceeds 2 GiB, or --no-fork)\n");
        }
        for (Refusal r : refusals) {
            out.append(r.matrix()).append(" / ").append(r.format()).append(": refused: ").append(r.reason())
                    .append('\n');
        }
        return out.toString();
    }

    private static String micros(Long nanos) {
        return nanos == null ? "-" : String.format("%.1f", nanos / 1e3);
    }

    public String json() {
        Json.Arr arr = Json.array();
        for (BenchRecord r : records) {
            Json.Obj o = Json.object();
            FIELDS.forEach(f -> o.put(f.getKey(), f.getValue().apply(r)));
            r.preparation().forEach(o::put);
            Json.Obj parts = Json.object();
            r.parts().forEach(parts::put);
            o.put("parts", parts);
            Json.Obj energy = Json.object();
            r.energyParts().forEach(energy::put);
            o.put("energyParts", energy);
            arr.add(o);
        }
        for (Refusal r : refusals) {
            arr.add(Json.object().put("matrix", r.matrix()).put("format", r.format()).put("refused", r.reason()));
        }
        return arr + "\n";
    }

    /** The flat fields, then the preparation fields (prune, quantizer, ...) of any record, empty where absent. */
    public String csv() {
        Set<String> extra = new LinkedHashSet<>();
        records.forEach(r -> extra.addAll(r.preparation().keySet()));
        List<String> header = new ArrayList<>(FIELDS.stream().map(Map.Entry::getKey).toList());
        header.addAll(extra);
        StringBuilder sb = new StringBuilder(Csv.line(header));
        for (BenchRecord r : records) {
            List<Object> row = new ArrayList<>(FIELDS.stream().map(f -> f.getValue().apply(r)).toList());
            extra.forEach(key -> row.add(r.preparation().get(key)));
            sb.append(Csv.line(row));
        }
        return sb.toString();
    }
}
