package org.sham4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.model.io.ModelFile;

/**
 * A tiny sweep end to end: LeNet-300-100 trained on 200 synthetic samples, six configurations; on two workers and
 * on one they give the same rows, one per configuration; a rerun after a simulated kill completes the results.
 */
class SweepTest {

    @TempDir
    static Path dir;
    static Path spec;

    @BeforeAll
    static void data() throws Exception {
        Path npz = SweepFixtures.stripes(dir);
        spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                name: tiny
                model:
                  zoo: lenet-300-100
                  train: {epochs: 1, lr: 0.002, batch: 50, seed: 4, threads: 1}
                data: npz:%s
                grid:
                  layers: dense
                  prune: [0, 80]
                  method: [none, uq]
                  k: 4
                  unified: [false, true]
                  finetuneEpochs: 1
                  finetuneSamples: [all, 120]
                  batch: 40
                  lr: 0.001
                zip: [[prune, finetuneSamples]]
                evaluation: {batch: 50, repeat: 1, warmup: 0}
                """.formatted(npz));
    }

    private static Path oneWorker;

    /** The sweep run once on one worker (shared by the tests). */
    private static synchronized Path oneWorker() throws Exception {
        if (oneWorker == null) {
            Path out = dir.resolve("one");
            run(out, 1);
            oneWorker = out;
        }
        return oneWorker;
    }

    private static String run(Path out, int workers) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Sweep.Summary s = Sweep.run(SweepSpec.read(spec), new Sweep.Options(out, workers, false, ModelFile::load,
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        assertEquals(0, s.failed(), err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoWorkersGiveOneRowPerConfigurationAndTheRowsOfOne() throws Exception {
        Path two = dir.resolve("two");
        String log = run(two, 2);
        assertTrue(log.contains("6 configurations, 0 done before, 6 to run on 2 worker(s)"), log);
        assertTrue(log.contains("baseline: training lenet-300-100"), log);
        Map<String, JsonNode> a = SweepFixtures.rows(two);
        assertEquals(6, a.size());
        assertEquals(7, Files.readAllLines(two.resolve(ResultsFile.CSV)).size());
        try (var baselines = Files.list(two.resolve(Baseline.DIR))) {
            assertEquals(1, baselines.count(), "the trained baseline, its checkpoint gone");
        }

        assertEquals(a, SweepFixtures.rows(oneWorker()), "the same rows whatever the number of workers");

        JsonNode row = a.values().stream().filter(r -> r.at("/config/method").asText().equals("uq")
                && r.at("/config/unified").asBoolean() && r.at("/config/prune").asDouble() == 80).findFirst()
                .orElseThrow();
        assertEquals("accuracy", row.get("metric").asText());
        assertEquals(row.get("score").asDouble() - row.get("baseline").asDouble(), row.get("difference").asDouble(),
                1e-12);
        assertTrue(row.get("ci").isNull() && row.get("baselineCi").isNull());
        assertTrue(row.get("energyPerSample").asDouble() < row.get("baseEnergyPerSample").asDouble() / 2,
                row.toString());
        assertEquals(120, row.at("/config/finetuneSamples").asInt());
        assertEquals(3, row.get("layers").size());
        long bytes = 0;
        for (JsonNode l : row.get("layers")) {
            assertTrue(l.get("k").asInt() <= 4, l.toString());
            bytes += l.get("bytes").asLong();
        }
        assertEquals(bytes, row.get("bytes").asLong(), "every dense layer selected");
        assertEquals(row.get("bytes").asLong(), row.get("modelBytes").asLong());
        assertTrue(row.get("occupancy").asDouble() < 0.1, row.toString());
        assertTrue(row.get("key").asText().matches("[0-9a-f]{16}"));
        JsonNode none = a.values().stream().filter(r -> r.at("/config/method").asText().equals("none")
                && r.at("/config/prune").asDouble() == 0).findFirst().orElseThrow();
        assertEquals(none.get("baseline").asDouble(), none.get("score").asDouble(), "stored exactly, not trained");
        assertTrue(none.at("/config/k").isNull() && none.at("/config/seed").isNull());

        String again = run(two, 2);
        assertTrue(again.contains("6 configurations, 6 done before, 0 to run"), again);
        assertFalse(again.contains("baseline: training"), again);
    }

    @Test
    void aRerunAfterAKillEndsWithExactlyOneRowPerConfiguration() throws Exception {
        Path full = oneWorker();
        List<String> lines = Files.readAllLines(full.resolve(ResultsFile.JSONL));
        // the state a kill -9 leaves: three rows written, a fourth half written, the others never started
        Path killed = dir.resolve("killed");
        Files.createDirectories(killed.resolve(Baseline.DIR));
        try (var b = Files.list(full.resolve(Baseline.DIR))) {
            for (Path f : b.toList()) {
                Files.copy(f, killed.resolve(Baseline.DIR).resolve(f.getFileName()));
            }
        }
        String head = String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 100);
        Files.writeString(killed.resolve(ResultsFile.JSONL), head);
        String log = run(killed, 2);
        assertTrue(log.contains("cut off a partial last line (100 bytes)"), log);
        assertTrue(log.contains("6 configurations, 3 done before, 3 to run"), log);
        assertTrue(log.contains("(trained by an earlier run)"), log);
        List<String> after = Files.readAllLines(killed.resolve(ResultsFile.JSONL));
        assertEquals(lines.subList(0, 3), after.subList(0, 3), "the rows before the kill stay as they were");
        assertEquals(SweepFixtures.rows(full), SweepFixtures.rows(killed));
    }

    @Test
    void aSweepKilledWithSigkillLosesOnlyItsRunningConfigurations() throws Exception {
        Path out = dir.resolve("sigkill");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SweepMain.class.getName(), spec.toString(), out.toString(), "2").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sigkill.log").toFile()).start();
        Path jsonl = out.resolve(ResultsFile.JSONL);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(jsonl) || Files.readAllLines(jsonl).size() < 2)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the sweep ended before it could be killed: " + Files.readString(
                dir.resolve("sigkill.log")));
        p.destroyForcibly().waitFor();
        int atKill = Files.readAllLines(jsonl).size();
        assertTrue(atKill >= 2 && atKill < 6, atKill + " rows at the kill");
        String log = run(out, 2);
        assertTrue(log.contains((6 - atKill) + " to run"), log);
        assertEquals(SweepFixtures.rows(oneWorker()), SweepFixtures.rows(out),
                "one row per configuration, as an uninterrupted run's");
    }

    @Test
    void aSpecThatDoesNotFitTheModelIsRefusedBeforeAnyTraining() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(spec).replace("layers: dense", "layers: conv"));
        Path out = dir.resolve("bad");
        SpecException e = assertThrows(SpecException.class, () -> Sweep.run(SweepSpec.read(bad),
                new Sweep.Options(out, 1, true, ModelFile::load, System.err, false)));
        assertTrue(e.getMessage().contains("grid.layers: conv: the model has no conv layer"), e.getMessage());
        Path perLayer = dir.resolve("perlayer.yaml");
        Files.writeString(perLayer, Files.readString(spec).replace("prune: [0, 80]", "prune: [0, [80, 70]]"));
        e = assertThrows(SpecException.class, () -> Sweep.run(SweepSpec.read(perLayer),
                new Sweep.Options(out, 1, true, ModelFile::load, System.err, false)));
        assertTrue(e.getMessage().contains("gives 2 targets, the 3 dense layers"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written, nothing trained");
    }
}
