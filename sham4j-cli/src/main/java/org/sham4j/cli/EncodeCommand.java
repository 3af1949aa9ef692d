package org.sham4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.NamedMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham encode IN --format F --out OUT.shm}. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Store a matrix (.mtx, .mtx.gz, .npy, FILE.npz#KEY) in a compressed format (.shm).")
final class EncodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "input matrix")
    String input;

    @Option(names = "--format", required = true, paramLabel = "F",
            description = "storage format: ${COMPLETION-CANDIDATES} or 'auto' for the smallest",
            completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--out", required = true, paramLabel = "OUT.shm", description = "output file (written atomically)")
    Path out;

    @Mixin
    PrepareOptions prepare = new PrepareOptions();

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(out);
        NamedMatrix in = Inputs.readOne(input);
        PrepareOptions.Prepared p = prepare.apply(in);
        CompressedMatrix c = format.equalsIgnoreCase("auto") ? Formats.smallest(p.matrix())
                : UsageException.parse(() -> Formats.byName(format)).encode(p.matrix());
        if (!p.report().isEmpty()) {
            System.out.printf("%s: pruned to %.2f%% zeros, %s k=%s, mse %.4g%n", in.name(), p.report().get("sparsity"),
                    p.report().get("quantizer"), p.report().get("k"), p.report().get("mse"));
        }
        ShmFile.save(out, c);
        long bytes = c.size().totalBytes();
        System.out.printf("%s: %dx%d, %d non-zeros -> %s, %s (%.4f bits per entry, %.2f%% of float32)%n", in.name(),
                c.rows(), c.cols(), c.nonZeros(), out, c.format().name() + " " + bytes + " bytes",
                Units.bitsPerEntry(bytes, c.rows(), c.cols()), Units.percentOfDense(bytes, c.rows(), c.cols()));
        return 0;
    }
}
