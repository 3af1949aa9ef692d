package org.sham4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.NpyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham decode IN.shm --out OUT.npy}. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode a .shm file to a float32 NumPy array (.npy), exactly.")
final class DecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.shm")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT.npy", description = "output file (written atomically)")
    Path out;

    @Override
    public Integer call() throws Exception {
        CompressedMatrix c = ShmFile.load(input);
        NpyWriter.write(out, c.toDense());
        System.out.printf("%s: %s %dx%d -> %s%n", input, c.format().name(), c.rows(), c.cols(), out);
        return 0;
    }
}
