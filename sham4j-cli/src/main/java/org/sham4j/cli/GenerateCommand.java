package org.sham4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Progress;
import org.sham4j.core.io.MatrixFiles;
import org.sham4j.data.synth.MatrixGenerator;
import org.sham4j.data.synth.MatrixRecipe;
import org.sham4j.data.synth.StandIns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham generate covtype|census|imagenet|SPEC --seed S --out FILE}: a synthetic benchmark matrix. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic matrix with an exact shape, number of non-zeros and number of distinct "
                + "values: stand-ins for the sHAM papers' large benchmark matrices (covtype, census, imagenet), or "
                + "rows=R,cols=C,density=D,distinct=K (nnz=N instead of density). Streamed to .mtx, .mtx.gz or "
                + ".npy (float32, Fortran order), atomically; the same seed gives the same file.")
final class GenerateCommand implements Callable<Integer> {
    private static final int PROGRESS_STEPS = 50;

    @Parameters(index = "0", paramLabel = "MATRIX", description = "covtype, census, imagenet or "
            + "rows=R,cols=C,density=D,distinct=K")
    String matrix;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the entries (default 1)")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output: .mtx, .mtx.gz or .npy")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        MatrixRecipe recipe = UsageException.parse(() -> StandIns.byName(matrix));
        UsageException.require(MatrixFiles.writable(out), "--out " + out + ": name must end in .mtx, .mtx.gz or .npy");
        long start = System.nanoTime();
        int cols = recipe.cols();
        Progress progress = new Progress(PROGRESS_STEPS, !quiet);
        List<String> comments = List.of(
                "sham4j generate " + matrix + " --seed " + seed + ": " + recipe.description(),
                String.format(Locale.ROOT, "%d x %d, %d non-zeros (%.4f), %d distinct non-zero values",
                        recipe.rows(), cols, recipe.nnz(), recipe.density(), recipe.distinct()));
        MatrixGenerator.Written[] written = new MatrixGenerator.Written[1];
        MatrixFiles.write(out, recipe.rows(), cols, recipe.nnz(), comments, sink ->
                written[0] = MatrixGenerator.generate(recipe, seed, sink, j -> {
                    long before = (long) j * PROGRESS_STEPS / cols;
                    long after = (long) (j + 1) * PROGRESS_STEPS / cols;
                    if (after > before) {
                        progress.step(recipe.name() + ": column " + (j + 1) + " of " + cols);
                        for (long s = before; s < after; s++) {
                            progress.advance();
                        }
                    }
                }));
        progress.finish();
        System.out.printf(Locale.ROOT, "%s: %d x %d, %d non-zeros (%.4f), %d distinct, seed %d -> %s (%s, %.1f s)%n",
                recipe.name(), recipe.rows(), cols, written[0].nnz(), recipe.density(), written[0].distinct(), seed,
                out, org.sham4j.core.memory.MemoryBudget.format(Files.size(out)), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
