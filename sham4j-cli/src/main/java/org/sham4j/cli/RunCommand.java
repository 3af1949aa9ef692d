package org.sham4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Text;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.Preprocessor;
import org.sham4j.onnx.TensorProtos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sham run MODEL --inputs DIR|FILE.npy...}: runs a model in the Java runtime on ONNX test vectors or
 * {@code .npy} arrays, writes the outputs and compares them with the expected ones where present.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model (.sham, .onnx) on ONNX test vectors or .npy arrays; compare with the expected "
                + "outputs (output_N.pb) where present and fail beyond the tolerance.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--inputs", required = true, arity = "1..*", paramLabel = "DIR|FILE.npy",
            description = "an ONNX test-data folder (input_N.pb), a folder of them (test_data_set_*), or one .npy "
                    + "file per model input")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", description = "write the outputs here (output_N.pb or output_N.npy)")
    Path out;

    @Option(names = "--tolerance", defaultValue = "1e-4",
            description = "largest difference allowed, relative to the expected output's scale (max |ref| or 1); "
                    + "default ${DEFAULT-VALUE}")
    double tolerance;

    @Option(names = "--threads", description = "threads for the products (default: all cores)")
    Integer threads;

    @Option(names = "--preprocess", description = "the inputs are raw samples: apply the model's preprocessing (or "
            + "the one the flags give) first")
    boolean preprocess;

    @Mixin
    PreprocessingOptions preprocessing;

    @Mixin
    ProductsOption products;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkDirectory(out);
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("--tolerance must be 0 or more, got " + tolerance);
        }
        Graph graph = Models.load(model);
        Preprocessing raw = null;
        if (preprocess || preprocessing.given()) {
            raw = preprocessing.resolve(graph.preprocessing());
            if (!raw.recorded()) {
                throw new IllegalArgumentException(model + " records no preprocessing: give --scale, --mean, --std "
                        + "or --layout to say how raw inputs become model inputs");
            }
            System.err.println("sham run: preprocessing " + raw + " (" + preprocessing.source(graph.preprocessing())
                    + ")");
        }
        List<TestVectors> sets = TestVectors.find(inputs);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new UsageException("--threads must be at least 1");
        }
        List<String> failures = new ArrayList<>();
        try (GraphRunner runner = new GraphRunner(graph, t, products.products())) {
            for (TestVectors set : sets) {
                String prefix = set.label().isEmpty() ? "" : set.label() + " ";
                Map<String, Tensor> outputs = runner.run(feed(graph, set, raw));
                int i = 0;
                for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
                    Tensor y = e.getValue();
                    String line = prefix + "output " + i + " '" + Text.printable(e.getKey()) + "' " + shape(y);
                    if (out != null) {
                        line += " -> " + set.write(out, i, e.getKey(), y);
                    }
                    if (i < set.expected().size()) {
                        Difference d = Difference.of(TensorProtos.read(set.expected().get(i)), y);
                        line += String.format(" max |diff| %.3g (%.3g relative)", d.absolute(), d.relative());
                        if (!(d.relative() <= tolerance)) {
                            failures.add(prefix + "output " + i + " differs by " + String.format("%.3g", d.relative())
                                    + " relative");
                        }
                    }
                    System.out.println(Text.printable(line));
                    i++;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new CheckFailedException(String.join("; ", failures) + " (tolerance " + tolerance + ")");
        }
        return 0;
    }

    private Map<String, Tensor> feed(Graph graph, TestVectors set, Preprocessing raw) throws Exception {
        List<InputSpec> specs = graph.inputs();
        if (set.inputs().size() != specs.size()) {
            throw new IllegalArgumentException((set.label().isEmpty() ? "" : set.label() + ": ") + set.inputs().size()
                    + " input files for the model's " + specs.size() + " inputs " + specs);
        }
        Map<String, Tensor> feed = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Tensor x = set.input(i);
            feed.put(specs.get(i).name(), raw != null ? Preprocessor.apply(raw, x, specs.get(i)) : x);
        }
        return feed;
    }

    private static String shape(Tensor t) {
        return java.util.Arrays.toString(t.shape()).replace('[', '(').replace(']', ')');
    }

    /** The largest absolute difference, and the same relative to the expected values' scale. */
    record Difference(double absolute, double relative) {
        static Difference of(Tensor expected, Tensor actual) {
            if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
                throw new IllegalArgumentException("the output has shape " + shape(actual) + ", the expected one "
                        + shape(expected));
            }
            double max = 0;
            double scale = 1;
            float[] e = expected.data();
            float[] a = actual.data();
            for (int k = 0; k < e.length; k++) {
                double d = Math.abs((double) e[k] - a[k]);
                if (Double.isNaN(d) || d > max) {
                    max = d;
                }
                scale = Math.max(scale, Math.abs(e[k]));
            }
            return new Difference(max, max / scale);
        }
    }
}
