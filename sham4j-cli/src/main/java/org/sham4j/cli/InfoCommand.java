package org.sham4j.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Json;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.format.SizeBreakdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham info IN.shm}: shape, format and size breakdown. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show a .shm file's shape, format and sizes.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.shm")
    Path input;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
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
}
