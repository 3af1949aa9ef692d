package org.sham4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.experiment.ResultsFile;
import org.sham4j.experiment.Sweep;
import org.sham4j.experiment.SweepBackend;
import org.sham4j.experiment.SweepFixtures;
import org.sham4j.experiment.SweepSpec;
import org.sham4j.model.io.ModelFile;

/**
 * A small sweep (LeNet-300-100 on 200 synthetic samples, four configurations) on Spark {@code local[2]} gives the
 * rows of the local sweep on two workers, writes them as Parquet too, and resumes as the local sweep does: a rerun
 * runs nothing, and a row removed runs again.
 */
class SparkSweepTest {

    @TempDir
    Path dir;

    @Test
    void aSweepOnLocalTwoGivesTheRowsOfTheLocalSweepAndResumes() throws Exception {
        Path spec = spec(dir);
        Path local = dir.resolve("local");
        Sweep.Summary l = Sweep.run(SweepSpec.read(spec), options(local, 2));
        assertEquals(4, l.ran());
        Path spark = dir.resolve("spark");
        // the baseline the local sweep trained is reused, as by any later run into a folder that holds it
        Files.createDirectories(spark);
        copyTree(local.resolve("baselines"), spark.resolve("baselines"));
        try (SweepBackend.Cluster cluster = new SparkSweep().open("local[2]", System.err)) {
            assertEquals(2, cluster.parallelism());
            Sweep.Summary s = Sweep.run(SweepSpec.read(spec), options(spark, cluster.parallelism()), cluster);
            assertEquals(0, s.failed());
            assertEquals(4, s.ran());
            cluster.writeParquet(spark);
            assertEquals(SweepFixtures.rows(local), SweepFixtures.rows(spark));
            for (String key : SweepFixtures.rows(local).keySet()) {
                Path model = Path.of("models", key + ModelFile.EXTENSION);
                assertEquals(-1L, Files.mismatch(local.resolve(model), spark.resolve(model)), "kept model " + key);
            }

            // resumable: nothing left to run; a row removed runs again and comes back the same
            assertEquals(0, Sweep.run(SweepSpec.read(spec), options(spark, 2), cluster).ran());
            Map<String, JsonNode> before = SweepFixtures.rows(spark);
            List<String> lines = Files.readAllLines(spark.resolve(ResultsFile.JSONL));
            Files.write(spark.resolve(ResultsFile.JSONL), lines.subList(0, 3));
            Sweep.Summary again = Sweep.run(SweepSpec.read(spec), options(spark, 2), cluster);
            assertEquals(1, again.ran());
            assertEquals(3, again.before());
            assertEquals(before, SweepFixtures.rows(spark));
            cluster.writeParquet(spark);
        }
        assertTrue(Files.isDirectory(spark.resolve("results.parquet")));
        SparkSession session = Sessions.open("local[1]", "check");
        try {
            var df = session.read().parquet(spark.resolve("results.parquet").toString());
            assertEquals(4, df.count());
            assertTrue(List.of(df.columns()).containsAll(List.of("key", "config", "score", "occupancy", "layers")));
        } finally {
            session.stop();
        }
    }

    private static Sweep.Options options(Path out, int workers) {
        return new Sweep.Options(out, workers, true, ModelFile::load, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8), false);
    }

    /** A spec of four configurations on 200 synthetic 28 x 28 samples of ten classes (stripes). */
    static Path spec(Path dir) throws Exception {
        Path npz = SweepFixtures.stripes(dir);
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                name: tiny
                model:
                  zoo: lenet-300-100
                  train: {epochs: 1, lr: 0.002, batch: 50, seed: 4, threads: 1}
                data: npz:%s
                grid:
                  layers: dense
                  prune: 80
                  method: [none, uq]
                  k: 4
                  unified: [false, true]
                  finetuneEpochs: 1
                  finetuneSamples: [all, 120]
                  batch: 40
                  lr: 0.001
                zip: [[unified, finetuneSamples]]
                evaluation: {batch: 50, repeat: 1, warmup: 0}
                keepModels: true
                """.formatted(npz));
        return spec;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }
}
