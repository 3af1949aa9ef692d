package org.sham4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a report is made from: sweep rows ({@code results.jsonl}), bench records ({@code sham bench --json}) and
 * per-layer sizes ({@code sham compress --json}, {@code sham compare --json}), from directories (their
 * {@code results.jsonl} and {@code *.json}) and files given directly.
 */
final class ReportInputs {
    /** Name of a sweep's results in its directory. */
    static final String RESULTS = "results.jsonl";
    /** The copy of its specification a sweep keeps beside its results: not a result. */
    private static final String SPEC = "spec.json";

    final List<SweepRow> sweep = new ArrayList<>();
    final List<BenchPoint> bench = new ArrayList<>();
    final List<LayerSizes> layerSizes = new ArrayList<>();
    final List<Path> sources = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    /** Reads every input; refuses a missing path, a malformed file, or inputs that hold nothing to report. */
    static ReportInputs load(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no input: give a sweep directory or result files");
        }
        ReportInputs in = new ReportInputs();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                in.directory(p);
            } else if (Files.isRegularFile(p)) {
                in.file(p, true);
            } else {
                throw new IllegalArgumentException(p + ": no such file or directory");
            }
        }
        if (in.sweep.isEmpty() && in.bench.isEmpty() && in.layerSizes.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": nothing to report (no " + RESULTS + " rows, bench JSON or compress/compare JSON)");
        }
        return in;
    }

    private void directory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().equals(SPEC))
                    .filter(f -> f.getFileName().toString().equals(RESULTS) || f.toString().endsWith(".json"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": holds no " + RESULTS + " and no .json results");
        }
        for (Path f : files) {
            file(f, false);
        }
    }

    private void file(Path f, boolean named) throws IOException {
        String text = read(f);
        if (f.toString().endsWith(".jsonl")) {
            sweep(f, text);
            sources.add(f);
            return;
        }
        JsonNode node = Json.parse(text, f.toString());
        if (BenchPoint.looksLike(node)) {
            for (int k = 0; k < node.size(); k++) {
                bench.add(BenchPoint.of(node.get(k), f + " record " + k));
            }
        } else if (LayerSizes.looksLike(node)) {
            layerSizes.add(LayerSizes.of(f.getFileName().toString().replaceFirst("\\.json$", ""), node,
                    f.toString()));
        } else if (named) {
            throw new IllegalArgumentException(f + ": neither sweep results, bench JSON nor compress/compare JSON");
        } else {
            warnings.add("skipped " + f + ": neither bench JSON nor compress/compare JSON");
            return;
        }
        sources.add(f);
    }

    private void sweep(Path f, String text) {
        int before = sweep.size();
        String[] lines = text.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            if (!lines[k].isBlank()) {
                String where = f + " line " + (k + 1);
                sweep.add(SweepRow.of(Json.parse(lines[k], where), where));
            }
        }
        if (sweep.size() == before) {
            throw new IllegalArgumentException(f + ": no results (empty file)");
        }
    }

    private static String read(Path f) throws IOException {
        try {
            return Files.readString(f);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(f + ": not UTF-8 text");
        }
    }
}
