package org.sham4j.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sham4j.model.graph.Graph;

/**
 * What {@code sham predict} is asked: the model, the input (one CSV table, or one {@code .npy} file per model
 * input), the output file, how table columns feed the model, whether to apply the model's recorded preprocessing,
 * rows per chunk, threads (local) or tasks (Spark) at once, the bytes of branch results kept per JVM, whether an
 * existing output may be replaced, and the text columns to keep (null: every column that feeds no input).
 */
public record PredictRequest(Graph graph, String modelName, List<Path> inputs, Path output, Bindings bindings,
                             boolean preprocess, int chunkRows, int threads, long cacheBytes, boolean overwrite,
                             List<String> keep, boolean quiet) {
    public PredictRequest {
        inputs = List.copyOf(inputs);
        keep = keep == null ? null : List.copyOf(keep);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no --input given");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("--chunk must be at least 1, got " + chunkRows);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        boolean npy = isNpy(inputs.get(0));
        for (Path p : inputs) {
            if (isNpy(p) != npy) {
                throw new IllegalArgumentException("mixed inputs: give one table (.csv or .parquet), or one .npy file "
                        + "per model input");
            }
        }
        if (!npy && inputs.size() != 1) {
            throw new IllegalArgumentException("one table holds every model input: give one --input, got "
                    + inputs.size());
        }
        if (npy && inputs.size() != graph.inputs().size()) {
            throw new IllegalArgumentException("the model has " + graph.inputs().size() + " inputs "
                    + graph.inputs() + ": give one .npy file each, in that order (got " + inputs.size() + ")");
        }
        if (npy && keep != null && !keep.isEmpty()) {
            throw new IllegalArgumentException("--keep names table columns; .npy inputs have none");
        }
        TableWriter.Kind.of(output);
    }

    /** Whether the inputs are {@code .npy} files (else one table). */
    public boolean npyInputs() {
        return isNpy(inputs.get(0));
    }

    /** Whether the table is Parquet (read through Spark only). */
    public boolean parquetInput() {
        return name(inputs.get(0)).endsWith(".parquet");
    }

    /** The output columns of the model's values: {@code prediction} for one value, else output_0, output_1, ... */
    public static List<String> valueColumns(int width) {
        if (width == 1) {
            return List.of("prediction");
        }
        return java.util.stream.IntStream.range(0, width).mapToObj(j -> "output_" + j).toList();
    }

    static boolean isNpy(Path p) {
        return name(p).endsWith(".npy");
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
