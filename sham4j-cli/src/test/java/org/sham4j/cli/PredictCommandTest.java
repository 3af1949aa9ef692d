package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;

/** {@code sham predict} from the command line: the preprocessing flags as in the other commands, and refusals. */
class PredictCommandTest {
    private static final Path MODEL = TorchModelsCompressTest.FIXTURES.resolve("cnn1d.onnx");

    @TempDir
    Path dir;

    /** Writes {@code rows} random samples of the model's input, each value times {@code factor}. */
    private Path samples(String name, int rows, float factor) throws Exception {
        Graph g = Models.load(MODEL);
        int[] sample = g.inputs().get(0).shape();
        int[] shape = new int[sample.length + 1];
        shape[0] = rows;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        int n = rows;
        for (int d : sample) {
            n *= d;
        }
        Random r = new Random(7);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian() * factor;
        }
        Path file = dir.resolve(name);
        NpyWriter.write(file, new Tensor(shape, x));
        return file;
    }

    @Test
    void scaleFlagFeedsWhatScaledInputsFeedWithoutIt() throws Exception {
        Path raw = samples("raw.npy", 9, 1f);
        Path doubled = samples("doubled.npy", 9, 2f);
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        CliRun scaled = CliRun.of("predict", MODEL.toString(), "--input", raw.toString(), "--output", a.toString(),
                "--scale", "2", "--threads", "1", "--quiet");
        assertEquals(0, scaled.exit(), scaled.err());
        assertTrue(scaled.err().contains("sham predict: cnn1d.onnx preprocessing: x * 2.0"), scaled.err());
        CliRun plain = CliRun.of("predict", MODEL.toString(), "--input", doubled.toString(), "--output",
                b.toString(), "--no-preprocess", "--threads", "1", "--quiet");
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("9 rows scored"), plain.out());
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a));
    }

    @Test
    void noPreprocessWithPreprocessingFlagsIsAUsageError() throws Exception {
        Path raw = samples("raw.npy", 2, 1f);
        Path out = dir.resolve("out.npy");
        CliRun r = CliRun.of("predict", MODEL.toString(), "--input", raw.toString(), "--output", out.toString(),
                "--no-preprocess", "--mean", "0.5");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        // A usage error takes two lines (Main.commandLine): the error, then where to find help.
        assertEquals(2, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().lines().findFirst().orElseThrow().contains("--no-preprocess"), r.err());
        assertFalse(Files.exists(out));
    }
}
