package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.zoo.Zoo;

/** The model commands on a two-input network (DeepDTA) and drug-target pairs in DAVIS's file layout. */
class DrugTargetCommandsTest {
    @TempDir
    Path dir;

    /** 4 ligands x 3 proteins, every pair measured; test fold 4 pairs, two training folds of 4. */
    private Path davis() throws Exception {
        Path d = dir.resolve("davis");
        Files.createDirectories(d.resolve("folds"));
        Files.writeString(d.resolve("ligands_can.txt"), "{\"1\": \"CCO\", \"2\": \"CC(=O)N\", \"3\": \"C1=CC=CC=C1\", "
                + "\"4\": \"CCN(CC)CC\"}");
        Files.writeString(d.resolve("proteins.txt"), "{\"P1\": \"MKVLAAGIVG\", \"P2\": \"MSTNPKPQRK\", "
                + "\"P3\": \"MALWMRLLPL\"}");
        Random r = new Random(2);
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                m.append(j == 0 ? "" : " ").append(10 + r.nextInt(9990));
            }
            m.append('\n');
        }
        Files.writeString(d.resolve("drug-target_interaction_affinities_Kd__Davis_et_al.2011v1.txt"), m);
        Files.writeString(d.resolve("folds/test_fold_setting1.txt"), "[0, 5, 7, 11]");
        Files.writeString(d.resolve("folds/train_fold_setting1.txt"), "[[1, 2, 3, 4], [6, 8, 9, 10]]");
        return d;
    }

    @Test
    void compressAndCompareTwoInputModels() throws Exception {
        String data = "davis:" + davis();
        Path base = dir.resolve("base.sham");
        ModelFile.save(base, Zoo.build("deepdta", 5));
        Path small = dir.resolve("small.sham");
        Path summary = dir.resolve("compress.json");
        CliRun c = CliRun.of("compress", base.toString(), "--data", data, "--out", small.toString(), "--layers",
                "dense", "--trainable", "selected", "--prune", "80", "--quantize", "cws:8", "--finetune-epochs", "1",
                "--batch", "4", "--json", summary.toString(), "--quiet");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.err().contains("frozen head: 6 weighted layer(s) run once on 12 samples"), c.err());
        Path cmp = dir.resolve("compare.json");
        CliRun d = CliRun.of("compare", base.toString(), small.toString(), "--data", data, "--batch", "2",
                "--json", cmp.toString());
        assertEquals(0, d.exit(), d.err());
        String j = Files.readString(cmp);
        for (String key : new String[] {"mse", "baseline", "occupancy", "timeRatio"}) {
            assertTrue(Double.isFinite(CliRun.number(j, key)), key + " in " + j);
        }
        assertEquals(CliRun.number(Files.readString(summary), "mse"), CliRun.number(j, "mse"), 1e-9);
        List<Double> occupancies = new ArrayList<>();
        Matcher m = Pattern.compile("\"occupancy\": ([0-9.eE+-]+)").matcher(Files.readString(summary));
        while (m.find()) {
            occupancies.add(Double.parseDouble(m.group(1)));
        }
        assertTrue(occupancies.stream().anyMatch(o -> o < 0.25), occupancies.toString());
    }
}
