package org.sham4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sham4j.model.graph.Graph;
import org.sham4j.predict.Bindings;
import org.sham4j.predict.LocalPrediction;
import org.sham4j.predict.PredictBackend;
import org.sham4j.predict.PredictRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham predict MODEL --input FILE --output OUT [--master M]}: batch inference on the Java runtime. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Score every row of a table (or every sample of .npy arrays) with a model on the pure-Java "
                + "runtime, chunk by chunk on T threads, or as Spark tasks with --master. A branch that one input "
                + "feeds (a DeepDTA drug or protein branch) runs once per distinct value of that input.",
            "Input: one CSV table (Parquet with --master) whose columns are named like the model's inputs (or "
                + "mapped with --column), or one .npy file per model input. Cells: SMILES or protein text (or ids "
                + "with --lookup), or numbers.",
            "Output (.csv, .parquet or .npy): the input's other columns, then 'prediction' (one value per row) or "
                + "output_0, output_1, ...; in input order, written atomically (Spark writes .parquet as a "
                + "directory of part files)."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "the model (.sham, .onnx, .h5)")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "a .csv table (.csv.gz too; .parquet with --master), or one .npy per model input in order")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "OUT.csv, OUT.parquet or OUT.npy")
    Path output;

    @Option(names = "--master", paramLabel = "URL",
            description = "run on Spark: local[N], spark://HOST:PORT, ... (default: this JVM, no Spark)")
    String master;

    @Option(names = "--column", paramLabel = "INPUT=COLUMN", description = "the column feeding a model input "
            + "(default: the column of the input's name)")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--encoding", paramLabel = "INPUT=smiles|protein|numbers", description = "how an input's cells "
            + "read (default: smiles for inputs named drug, ligand, smiles, compound; protein for protein, target, "
            + "sequence; else numbers)")
    Map<String, String> encodings = new LinkedHashMap<>();

    @Option(names = "--lookup", paramLabel = "INPUT=FILE", description = "the input's cells are ids of this table "
            + "(a JSON object id -> sequence, as DeepDTA's ligands_can.txt, or a CSV of id,sequence)")
    Map<String, Path> lookups = new LinkedHashMap<>();

    @Option(names = "--keep", split = ",", paramLabel = "COLUMN[,COLUMN...]",
            description = "the input columns copied to the output (default: all but those whose cells are model "
            + "inputs themselves; id columns read through --lookup are kept)")
    List<String> keep;

    @Option(names = "--chunk", defaultValue = "4096", paramLabel = "ROWS",
            description = "rows per chunk (default ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--threads", paramLabel = "T", description = "chunks scored at once (default: all cores; with "
            + "--master, the cluster's tasks run instead)")
    Integer threads;

    @Option(names = "--cache-mb", defaultValue = "512", paramLabel = "MB",
            description = "branch results kept per JVM (default ${DEFAULT-VALUE})")
    long cacheMb;

    @Option(names = "--no-preprocess", description = "the inputs are model inputs already: skip the model's recorded "
            + "preprocessing (scaling, normalisation, layout)")
    boolean noPreprocess;

    @Mixin
    PreprocessingOptions preprocessing = new PreprocessingOptions();

    @Option(names = "--overwrite", description = "replace an existing output")
    boolean overwrite;

    @Option(names = {"--quiet", "-q"}, description = "no progress")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        UsageException.require(!(noPreprocess && preprocessing.given()),
                "--no-preprocess skips the preprocessing that --scale, --mean, --std or --layout would set");
        Graph graph = Models.load(model);
        if (preprocessing.given()) {
            graph = preprocessing.apply(graph, model.getFileName().toString(), "predict", System.err);
        }
        String cluster = Clusters.master(master);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PredictRequest request = new PredictRequest(graph, model.toString(), inputs, output,
                Bindings.of(graph, columns, encodings, lookups), !noPreprocess, chunk, t, cacheMb << 20, overwrite,
                keep, quiet);
        LocalPrediction.Summary s = cluster == null ? LocalPrediction.run(request, System.err)
                : Clusters.backend(PredictBackend.class, cluster).predict(request, cluster, System.err);
        System.out.printf("%s: %,d rows scored in %.1f s (%,.0f rows/s)%s -> %s%n", model, s.rows(), s.seconds(),
                s.rows() / Math.max(1e-9, s.seconds()), cluster == null ? " on " + t + " thread(s)"
                        : " on " + cluster, output);
        return 0;
    }
}
