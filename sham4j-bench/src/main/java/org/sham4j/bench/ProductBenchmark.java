package org.sham4j.bench;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.io.MatrixReader;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Single-vector and batch products y = x^T W on each format, single-threaded. The matrix is a file
 * ({@code -p matrix=PATH}, any input {@code sham bench} reads) or, by default, the VGG19 layer of the shared
 * data when present, else a seeded 512 x 4096 matrix with 96 % zeros and 32 shared values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProductBenchmark {
    @Param({"../shared/data/layers/vgg19-mnist-fc1_p96_k32.npz"})
    public String matrix;

    @Param({"csc", "sham", "gsham", "ham", "im", "dense"})
    public String format;

    @Param({"8"})
    public int batch;

    private CompressedMatrix m;
    private float[] x1;
    private float[] xb;
    private float[] y1;
    private float[] yb;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SparseMatrix w = load(matrix);
        m = Formats.byName(format).encode(w);
        Random rnd = new Random(1);
        x1 = new float[w.rows()];
        xb = new float[batch * w.rows()];
        for (int i = 0; i < xb.length; i++) {
            xb[i] = (float) rnd.nextGaussian();
        }
        System.arraycopy(xb, 0, x1, 0, x1.length);
        y1 = new float[w.cols()];
        yb = new float[batch * w.cols()];
    }

    private static SparseMatrix load(String path) throws IOException {
        if (java.nio.file.Files.exists(java.nio.file.Path.of(path.split("#")[0]))) {
            return MatrixReader.read(path).get(0).matrix();
        }
        Random rnd = new Random(96);
        float[] shared = new float[32];
        for (int s = 0; s < shared.length; s++) {
            shared[s] = (float) rnd.nextGaussian() + (s == 0 ? 1 : 0);
        }
        float[] a = new float[512 * 4096];
        for (int e = 0; e < a.length; e++) {
            if (rnd.nextDouble() < 0.04) {
                a[e] = shared[rnd.nextInt(shared.length)];
            }
        }
        return SparseMatrix.fromDense(new org.sham4j.core.matrix.DenseMatrix(512, 4096, a));
    }

    @Benchmark
    public float[] vector() {
        m.multiply(x1, 1, y1);
        return y1;
    }

    @Benchmark
    public float[] batch() {
        m.multiply(xb, batch, yb);
        return yb;
    }
}
