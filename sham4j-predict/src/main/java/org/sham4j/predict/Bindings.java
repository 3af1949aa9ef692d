package org.sham4j.predict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.JsonText;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;

/**
 * Which table column feeds each model input and how its cells decode: by default the column named like the input;
 * text in a column feeding an input named {@code drug}, {@code ligand}, {@code smiles} or {@code compound} is a
 * SMILES string, {@code protein}, {@code target} or {@code sequence} a protein sequence (DeepDTA's alphabets),
 * anything else numbers. A lookup table turns ids in the column into sequences first.
 *
 * @param columns  the column of each model input, in the model's input order
 * @param decoders how each input's cells decode
 */
public record Bindings(List<String> columns, List<InputDecoder> decoders) implements java.io.Serializable {
    private static final Set<String> SMILES = Set.of("drug", "ligand", "smiles", "compound");
    private static final Set<String> PROTEIN = Set.of("protein", "target", "sequence");

    public Bindings {
        columns = List.copyOf(columns);
        decoders = List.copyOf(decoders);
    }

    /**
     * The bindings of {@code graph}'s inputs: {@code columnOf} renames (input -> column), {@code encodingOf} sets
     * an input's encoding ({@code smiles}, {@code protein}, {@code numbers}), {@code lookups} an input's table of
     * id -> sequence (a JSON object, as DeepDTA's {@code ligands_can.txt}, or a CSV file of id and sequence).
     */
    public static Bindings of(Graph graph, Map<String, String> columnOf, Map<String, String> encodingOf,
            Map<String, Path> lookups) throws IOException {
        Set<String> names = new java.util.HashSet<>();
        graph.inputs().forEach(i -> names.add(i.name()));
        for (Map<String, ?> m : List.of(columnOf, encodingOf, lookups)) {
            for (String k : m.keySet()) {
                if (!names.contains(k)) {
                    throw new IllegalArgumentException("the model has no input '" + k + "', its inputs are "
                            + graph.inputs());
                }
            }
        }
        List<String> columns = new ArrayList<>();
        List<InputDecoder> decoders = new ArrayList<>();
        for (InputSpec in : graph.inputs()) {
            columns.add(columnOf.getOrDefault(in.name(), in.name()));
            int size = (int) Tensor.size(in.shape());
            Map<String, String> lookup = lookups.containsKey(in.name()) ? lookup(lookups.get(in.name())) : null;
            decoders.add(InputDecoder.byName(encodingOf.getOrDefault(in.name(), defaultEncoding(in.name())), size,
                    lookup));
        }
        if (columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException("two model inputs read the same column: " + columns);
        }
        return new Bindings(columns, decoders);
    }

    private static String defaultEncoding(String input) {
        String n = input.toLowerCase(Locale.ROOT);
        return SMILES.contains(n) ? "smiles" : PROTEIN.contains(n) ? "protein" : "numbers";
    }

    /** The positions of the bound columns in {@code header}, in input order; a missing one is named. */
    public int[] positions(List<String> header, String source) {
        int[] at = new int[columns.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = header.indexOf(columns.get(k));
            if (at[k] < 0) {
                throw new IllegalArgumentException(source + ": no column '" + columns.get(k) + "' for model input "
                        + k + " (columns: " + String.join(", ", header) + "); name one with --column INPUT=COLUMN");
            }
        }
        return at;
    }

    /** Reads a lookup table: a JSON object of id -> sequence, or a CSV file whose first two columns are them. */
    static Map<String, String> lookup(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, String> out = new HashMap<>();
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            try (CsvReader in = CsvReader.open(file)) {
                if (in.header().size() < 2) {
                    throw new InvalidInputException(file + ": a lookup table needs two columns, id and sequence");
                }
                for (String[] row = in.read(); row != null; row = in.read()) {
                    if (out.put(row[0], row[1]) != null) {
                        throw new InvalidInputException(file + ": id '" + row[0] + "' appears twice");
                    }
                }
            }
            return out;
        }
        Object json = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        if (!(json instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file + ": expected a JSON object of id -> sequence, or a .csv file");
        }
        for (Map.Entry<?, ?> e : new LinkedHashMap<>(map).entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new InvalidInputException(file + ": the value of '" + e.getKey() + "' is not a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }
}
