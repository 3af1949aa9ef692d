package org.sham4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sham4j.model.graph.Graph;
import org.sham4j.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham export MODEL --onnx OUT.onnx}: writes a model as ONNX with float32 weights. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model (.sham, .onnx) as ONNX (opset " + OnnxExporter.OPSET + ", float32 weights).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "OUT.onnx", description = "the ONNX file to write")
    Path onnx;

    @Override
    public Integer call() throws Exception {
        Graph graph = Models.load(model);
        OnnxExporter.write(graph, onnx);
        System.out.printf("wrote %s: %d nodes, opset %d, %d bytes%n", onnx, graph.nodes().size(), OnnxExporter.OPSET,
                Files.size(onnx));
        return 0;
    }
}
