package org.sham4j.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;

/**
 * What the sweep and CLI tests share (this module's, the CLI's and the Spark module's): a tiny data set and the rows
 * of a folder.
 */
public final class SweepFixtures {
    /** Fields that measure time or when, which differ from run to run. */
    public static final Set<String> TIMING = Set.of("timeRatio", "wallSeconds", "finishedAt", "batchNanos",
            "baseBatchNanos", "stages");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepFixtures() {
    }

    /** 200 synthetic 28 x 28 samples of ten classes (stripes), as {@code dir/stripes-784-.npz}, which it returns. */
    public static Path stripes(Path dir) throws Exception {
        return stripes(dir, 200, 784);
    }

    /**
     * {@code n} samples of the given shape (flat, or images) in 0..255 whose class is the brightest of ten stripes of
     * their values in row-major order (for 1x28x28 images: horizontal bands), as X and y of an .npz in {@code dir},
     * which it returns.
     */
    public static Path stripes(Path dir, int n, int... sampleShape) throws Exception {
        int width = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        Random r = new Random(3);
        float[] x = new float[n * width];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            y[i] = c;
            for (int j = 0; j < width; j++) {
                x[i * width + j] = r.nextInt(60) + (j * 10 / width == c ? 180 : 0);
            }
        }
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        String name = "stripes" + Arrays.toString(sampleShape).replaceAll("\\W+", "-");
        Path images = dir.resolve(name + ".npy");
        NpyWriter.write(images, new Tensor(shape, x));
        Path file = dir.resolve(name + ".npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("X.npy"));
            zip.write(Files.readAllBytes(images));
            zip.putNextEntry(new ZipEntry("y.npy"));
            NpyWriter.write(zip, new DenseMatrix(n, 1, y));
        }
        return file;
    }

    /** The rows of a sweep folder by key, without their timings; a key twice fails. */
    public static Map<String, JsonNode> rows(Path out) throws Exception {
        Map<String, JsonNode> rows = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve(ResultsFile.JSONL))) {
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            assertTrue(rows.put(row.get("key").asText(), row) == null, "one row per key");
            TIMING.forEach(row::remove);
        }
        return rows;
    }
}
