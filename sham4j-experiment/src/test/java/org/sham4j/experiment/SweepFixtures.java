package org.sham4j.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;

/** What the sweep tests share (this module's and the Spark module's): a tiny data set and the rows of a folder. */
public final class SweepFixtures {
    /** Fields that measure time or when, which differ from run to run. */
    public static final Set<String> TIMING = Set.of("timeRatio", "wallSeconds", "finishedAt", "batchNanos",
            "baseBatchNanos", "stages");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepFixtures() {
    }

    /** 200 synthetic 28 x 28 samples of ten classes (stripes), written as {@code dir/stripes.npz}, which it returns. */
    public static Path stripes(Path dir) throws Exception {
        int n = 200;
        Random r = new Random(3);
        float[] x = new float[n * 784];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = r.nextInt(60) + (j * 10 / 784 == i % 10 ? 180 : 0);
            }
        }
        Path npz = dir.resolve("stripes.npz");
        Path images = dir.resolve("x.npy");
        NpyWriter.write(images, new Tensor(new int[] {n, 784}, x));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("X.npy"));
            zip.write(Files.readAllBytes(images));
            zip.putNextEntry(new ZipEntry("y.npy"));
            NpyWriter.write(zip, new DenseMatrix(n, 1, y));
        }
        return npz;
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
