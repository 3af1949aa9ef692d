package org.sham4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.sham4j.cli.report.Json;
import org.sham4j.compress.Metric;
import org.sham4j.compress.RuntimeEvaluation;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.DjlModel;
import org.sham4j.model.graph.Graph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham eval MODEL --data DATA}: scores a model on a data set's test samples. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a model (.sham, .onnx, .h5) on the test samples of a data set: accuracy, or MSE and "
                + "concordance index for regression; inference time per sample; weight bytes.",
            "Data: " + DataSpec.SYNTAX + "."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "data set, e.g. mnist:DIR")
    String data;

    @Option(names = "--json", paramLabel = "OUT", description = "also write the scores as JSON (atomic)")
    Path json;

    @Option(names = "--engine", defaultValue = "java", paramLabel = "java|djl",
            description = "pure-Java runtime or DJL (PyTorch CPU) (default ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--threads", defaultValue = "1", description = "threads of the Java runtime (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--batch", defaultValue = "256", description = "samples per run (default ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    PreprocessingOptions preprocessing;

    @Mixin
    ProductsOption products;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(json);
        Graph graph = preprocessing.apply(Models.load(model), model.getFileName().toString(), "eval", System.err);
        Dataset dataset = DataSpec.open(data);
        if (dataset.test().size() == 0) {
            throw new IllegalArgumentException(dataset.name() + ": no test samples");
        }
        Evaluation.checkInputs(graph, dataset.test());
        Evaluation.preprocess(graph, dataset.test().batch(0, 1));
        Evaluation e = switch (engine.toLowerCase(Locale.ROOT)) {
            case "java" -> RuntimeEvaluation.of(graph, dataset.test(), dataset.isClassification(), batch, threads,
                    products.products());
            case "djl" -> {
                try (DjlModel djl = new DjlModel(graph)) {
                    yield evaluate(graph, dataset, djl::predict);
                }
            }
            default -> throw new UsageException("unknown engine '" + engine + "', expected java or djl");
        };
        Json.Obj report = Json.object();
        if (dataset.isClassification()) {
            report.put("accuracy", e.accuracy());
        } else {
            report.put("mse", e.mse()).put("ci", e.concordanceIndex());
        }
        report.put("samples", e.samples()).put("nanosPerSample", e.nanosPerSample()).put("weightBytes",
                e.weightBytes());
        System.out.printf("%s on %s (%d test samples, %s engine): %s, %.1f us per sample, %d weight bytes%n",
                model.getFileName(), dataset.name(), e.samples(), engine, Metric.describe(e,
                        dataset.isClassification()), e.nanosPerSample() / 1e3, e.weightBytes());
        if (json != null) {
            AtomicFiles.write(json, (report + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private Evaluation evaluate(Graph graph, Dataset dataset, Function<List<Tensor>, Tensor> run) {
        return Evaluation.of(graph, dataset.test(), dataset.isClassification(), batch, run);
    }
}
