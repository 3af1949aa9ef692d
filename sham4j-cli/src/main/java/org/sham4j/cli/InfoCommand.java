package org.sham4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Json;
import org.sham4j.cli.report.Table;
import org.sham4j.cli.report.Text;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.io.WeightSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sham info FILE}: for a matrix ({@code .shm}) its shape, format and size breakdown; for a model
 * ({@code .sham}, {@code .onnx}, {@code .h5}) its layers, their formats, non-zeros, distinct values k, bytes and the occupancy psi.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a matrix file's (.shm) shape, format and sizes, or a model's (.sham, .onnx, .h5) layers, "
                + "formats, bytes and occupancy against float32.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path input;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!input.getFileName().toString().endsWith(".shm")) {
            return modelInfo();
        }
        CompressedMatrix c = ShmFile.load(input);
        SizeBreakdown size = c.size();
        long total = size.totalBytes();
        if (json) {
            Json.Obj o = Json.object().put("file", input.toString()).put("format", c.format().name())
                    .put("rows", c.rows()).put("cols", c.cols()).put("nnz", c.nonZeros()).put("bytes", total)
                    .put("bitsPerEntry", Units.bitsPerEntry(total, c.rows(), c.cols()));
            Json.Obj parts = Json.object();
            size.parts().forEach(parts::put);
            o.put("parts", parts);
            System.out.println(o);
            return 0;
        }
        System.out.printf("file      %s%nformat    %s (%s)%nshape     %d x %d%nnon-zeros %d (%.3f%%)%n", input,
                c.format().name(), c.format().description(), c.rows(), c.cols(), c.nonZeros(),
                c.rows() * (double) c.cols() == 0 ? 0 : 100.0 * c.nonZeros() / ((double) c.rows() * c.cols()));
        System.out.printf("size      %d bytes, %.4f bits per entry, %.3f%% of float32%n", total,
                Units.bitsPerEntry(total, c.rows(), c.cols()), Units.percentOfDense(total, c.rows(), c.cols()));
        for (Map.Entry<String, Long> e : size.parts().entrySet()) {
            System.out.printf("  %-12s %12d bytes  %6.2f%%%n", e.getKey(), e.getValue(),
                    total == 0 ? 0 : 100.0 * e.getValue() / total);
        }
        c.upperBoundBits().ifPresent(b -> System.out.printf("paper bound %.0f bytes (%.4f bits per entry)%n", b / 8,
                Units.bitsPerEntry(b / 8, c.rows(), c.cols())));
        return 0;
    }

    private int modelInfo() throws Exception {
        Graph g = Models.load(input);
        WeightSizes sizes = WeightSizes.of(g);
        List<LayerReport> report = LayerReport.of(g);
        if (json) {
            Json.Arr layers = Json.array();
            for (LayerReport r : report) {
                WeightSizes.Layer l = r.size();
                layers.add(Json.object().put("node", l.node()).put("op", l.kind()).put("format", l.format())
                        .put("rows", l.rows()).put("cols", l.cols()).put("nnz", r.nonZeros())
                        .put("k", r.distinctValues()).put("bytes", l.storedBytes())
                        .put("float32Bytes", l.float32Bytes()).put("occupancy", l.psi()));
            }
            Preprocessing p = g.preprocessing();
            Json.Obj pre = Json.object().put("recorded", p.recorded()).put("scale", p.scale())
                    .put("mean", floats(p.mean())).put("std", floats(p.std())).put("layout", p.layout().name());
            System.out.println(Json.object().put("file", input.toString()).put("nodes", g.nodes().size())
                    .put("bytes", sizes.storedBytes()).put("float32Bytes", sizes.float32Bytes())
                    .put("occupancy", sizes.psi()).put("preprocessing", pre).put("layers", layers));
            return 0;
        }
        System.out.printf("file     %s%ninputs   %s%noutputs  %s%nnodes    %d%npreprocessing %s%n",
                Text.printable(input.toString()), Text.printable(g.inputs().toString()),
                Text.printable(g.outputs().toString()), g.nodes().size(), g.preprocessing().recorded()
                        ? g.preprocessing()
                        : "none recorded (raw values are fed unless --scale, --mean, --std or --layout say otherwise)");
        Table t = new Table("layer", "op", "format", "shape", "non-zeros", "k", "bytes", "float32 bytes", "psi");
        for (LayerReport r : report) {
            WeightSizes.Layer l = r.size();
            t.add(l.node(), l.kind(), l.format(), l.rows() + "x" + l.cols(), Long.toString(r.nonZeros()),
                    Integer.toString(r.distinctValues()), Long.toString(l.storedBytes()),
                    Long.toString(l.float32Bytes()), String.format("%.4f", l.psi()));
        }
        t.add("total", "", "", "", Long.toString(report.stream().mapToLong(LayerReport::nonZeros).sum()), "",
                Long.toString(sizes.storedBytes()), Long.toString(sizes.float32Bytes()),
                String.format("%.4f", sizes.psi()));
        System.out.print(t);
        return 0;
    }

    private static Json.Arr floats(float[] v) {
        Json.Arr a = Json.array();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }
}
