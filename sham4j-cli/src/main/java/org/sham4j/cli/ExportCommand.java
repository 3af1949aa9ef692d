package org.sham4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sham4j.model.graph.Graph;
import org.sham4j.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham export MODEL --onnx OUT.onnx [--opset V]}: writes a model as ONNX with float32 weights. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model (.sham, .onnx, .h5) as ONNX with float32 weights, at an opset from "
                + OnnxExporter.MIN_OPSET + " to " + OnnxExporter.MAX_OPSET + " and the IR version that goes with it.",
            "The preprocessing the model records, or the one the flags give, goes to the metadata entry "
                + "sham4j.preprocessing, which every command reads."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "OUT.onnx", description = "the ONNX file to write")
    Path onnx;

    @Option(names = "--opset", paramLabel = "V", defaultValue = "" + OnnxExporter.DEFAULT_OPSET,
            description = "ONNX opset, " + OnnxExporter.MIN_OPSET + " to " + OnnxExporter.MAX_OPSET
                    + " (default ${DEFAULT-VALUE}: read by onnx 1.12+ and ONNX Runtime 1.12+)")
    int opset;

    @Mixin
    PreprocessingOptions preprocessing;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(onnx);
        Graph graph = Models.load(model);
        if (preprocessing.given()) {
            graph = graph.withPreprocessing(preprocessing.resolve(graph.preprocessing()));
        }
        OnnxExporter.write(graph, onnx, opset);
        System.out.printf("wrote %s: %d nodes, opset %d, IR version %d, %d bytes; preprocessing %s%n", onnx,
                graph.nodes().size(), opset, OnnxExporter.irVersion(opset), Files.size(onnx),
                graph.preprocessing().recorded() ? "recorded: " + graph.preprocessing() : "none recorded");
        return 0;
    }
}
