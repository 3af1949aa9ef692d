package org.sham4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.MatrixMarketWriter;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.SparseMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham decode IN.shm --out OUT.npy}. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode a .shm file, exactly, to a float32 NumPy array (.npy) or a Matrix Market file "
                + "(.mtx, .mtx.gz).")
final class DecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.shm")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "output file, .npy, .mtx or .mtx.gz (written atomically)")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(out);
        CompressedMatrix c = ShmFile.load(input);
        String name = out.getFileName().toString();
        if (name.endsWith(".mtx") || name.endsWith(".mtx.gz")) {
            MatrixMarketWriter.write(out, SparseMatrix.fromDense(c.toDense()));
        } else if (name.endsWith(".npy")) {
            NpyWriter.write(out, c.toDense());
        } else {
            throw new UsageException("--out " + out + ": name must end in .npy, .mtx or .mtx.gz");
        }
        System.out.printf("%s: %s %dx%d -> %s%n", input, c.format().name(), c.rows(), c.cols(), out);
        return 0;
    }
}
