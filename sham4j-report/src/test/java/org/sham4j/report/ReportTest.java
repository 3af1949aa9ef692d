package org.sham4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the committed fixture (a sweep of 18 runs in 11 settings, a bench of 2 levels x 3 formats, a
 * compress JSON of 3 layers), its numbers checked against counts made by hand.
 */
class ReportTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/sweep");
    private static final String EXP = "lenet-300-100-mnist-dense-";

    @TempDir
    static Path shared;
    static Path out;
    static Report.Summary summary;

    @BeforeAll
    static void writeTheFixtureReport() throws IOException {
        out = shared.resolve("report");
        summary = Report.write(List.of(FIXTURE), out);
    }

    /** The CSV rows of a report file, split at commas (the fixture has none inside cells). */
    static List<String[]> csv(Path dir, String file) throws IOException {
        return Files.readAllLines(dir.resolve(file)).stream().map(l -> l.split(",", -1)).toList();
    }

    /** The row whose first cells are {@code key}. */
    static String[] row(List<String[]> rows, String... key) {
        return rows.stream().filter(r -> Arrays.asList(r).subList(0, key.length).equals(List.of(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + Arrays.toString(key)));
    }

    static double cell(List<String[]> rows, String[] row, String column) {
        int c = Arrays.asList(rows.get(0)).indexOf(column);
        assertTrue(c >= 0, "column " + column + " in " + Arrays.toString(rows.get(0)));
        return Double.parseDouble(row[c]);
    }

    @Test
    void summaryCountsTheInputs() {
        assertEquals(18, summary.sweepRows());
        assertEquals(11, summary.settings());
        assertEquals(6, summary.benchRecords());
        assertEquals(1, summary.models());
        assertEquals("index.md", summary.files().get(0));
        assertTrue(summary.warnings().isEmpty(), summary.warnings().toString());
    }

    @Test
    void bestPerMethodIsTheBestMeanOverSeeds() throws IOException {
        List<String[]> t = csv(out, EXP + "best-per-method.csv");
        assertEquals(1 + 4, t.size(), "none, cws, pws, uq");
        // none: p=50 beats p=90; mean of 0.9810 and 0.9806, sample sd 0.0004 / sqrt(2)
        String[] none = row(t, "none");
        assertEquals(98.08, cell(t, none, "accuracy %"), 1e-9);
        assertEquals(100 * 0.0004 / Math.sqrt(2), cell(t, none, "±"), 1e-9);
        assertEquals(2, cell(t, none, "seeds"));
        assertEquals(0.08, cell(t, none, "Δ"), 1e-9);
        // cws: one seed at p=50, k=32 (98.15) beats p=90, k=32 (mean 98.10)
        String[] cws = row(t, "cws");
        assertEquals("32", cws[1]);
        assertEquals("50", cws[2]);
        assertEquals(98.15, cell(t, cws, "accuracy %"), 1e-9);
        assertEquals("", cws[Arrays.asList(t.get(0)).indexOf("±")], "no spread for one seed");
        assertEquals(1 / 0.3, cell(t, cws, "1/ψ"), 1e-9);
        assertEquals(6.0, cell(t, cws, "µJ/sample"), 1e-9);
        assertEquals(6e6 / 2e7, cell(t, cws, "energy ×"), 1e-12);
        assertEquals(98.01, cell(t, row(t, "pws"), "accuracy %"), 1e-9);
        assertEquals(97.70, cell(t, row(t, "uq"), "accuracy %"), 1e-9);
    }

    @Test
    void smallestOccupancyAtTheBaselineLeavesMethodsThatNeverGetThereEmpty() throws IOException {
        List<String[]> t = csv(out, EXP + "smallest-occupancy.csv");
        // cws: k=16 (mean 98.01 >= 98.00, ψ 0.040) beats k=32 (0.048) and p=50 (0.30); k=2 misses the baseline
        String[] cws = row(t, "cws");
        assertEquals("16", cws[1]);
        assertEquals(0.040, cell(t, cws, "ψ"), 1e-12);
        assertEquals(25.0, cell(t, cws, "1/ψ"), 1e-9);
        assertEquals(0.047, cell(t, row(t, "pws"), "ψ"), 1e-12);
        assertEquals(0.62, cell(t, row(t, "none"), "ψ"), 1e-12);
        String[] uq = row(t, "uq");
        assertTrue(Arrays.stream(uq).skip(1).allMatch(String::isEmpty), "uq never reaches 98.00");
    }

    @Test
    void unifiedAndPerLayerArePairedAtMatchedSettings() throws IOException {
        List<String[]> t = csv(out, EXP + "unified-vs-per-layer.csv");
        assertEquals(1 + 2, t.size(), "cws and uq at p=90, k=32");
        String[] cws = row(t, "cws", "32", "90");
        assertEquals(97.93, cell(t, cws, "accuracy % unified"), 1e-9);
        assertEquals(98.10, cell(t, cws, "accuracy % per layer"), 1e-9);
        assertEquals(-0.17, cell(t, cws, "Δ"), 1e-9);
        assertEquals(-0.10, cell(t, row(t, "uq", "32", "90"), "Δ"), 1e-9);
    }

    @Test
    void methodByKHoldsTheBestMeanOfEachCell() throws IOException {
        List<String[]> t = csv(out, EXP + "method-by-k.csv");
        assertEquals(List.of("prune %", "method", "no sharing", "k=2", "k=16", "k=32"), List.of(t.get(0)));
        String[] cws = row(t, "90", "cws");
        assertEquals(95.10, cell(t, cws, "k=2"), 1e-9);
        assertEquals(98.01, cell(t, cws, "k=16"), 1e-9);
        assertEquals(98.10, cell(t, cws, "k=32"), 1e-9, "per layer (98.10) beats unified (97.93)");
        assertEquals(97.88, cell(t, row(t, "90", "none"), "no sharing"), 1e-9);
        assertEquals("", row(t, "90", "uq")[3], "uq has no k=2");
        String md = Files.readString(out.resolve("index.md"));
        assertTrue(md.contains("| 90 | cws | – | 95.10 ± 0.14 | 98.01 ± 0.01 | 98.10 ± 0.03 |"), md);
    }

    @Test
    void benchTablesHaveFormatsByLevel() throws IOException {
        List<String[]> bits = csv(out, "matrix-fc1-cws-linear-bits.csv");
        assertEquals(List.of("format", "p=50%", "p=90%"), List.of(bits.get(0)));
        assertEquals(16.5, cell(bits, row(bits, "csc"), "p=50%"));
        assertEquals(0.9, cell(bits, row(bits, "sham"), "p=90%"));
        List<String[]> time = csv(out, "matrix-fc1-cws-linear-time.csv");
        assertEquals(12.0, cell(time, row(time, "sham"), "p=90%"), 1e-9, "12000 ns");
        List<String[]> energy = csv(out, "matrix-fc1-cws-linear-energy.csv");
        assertEquals(11700.0, cell(energy, row(energy, "dense"), "p=90%"), 1e-9, "1.17e7 pJ");
    }

    @Test
    void layerSizesAddUp() throws IOException {
        List<String[]> t = csv(out, "layers-compress-lenet.csv");
        assertEquals(1 + 3 + 1, t.size());
        assertEquals(940800 / 1024.0, cell(t, row(t, "fc1"), "float32 KB"), 1e-9);
        assertEquals(60.0, cell(t, row(t, "fc1"), "1/ψ"), 1e-9);
        String[] total = row(t, "total");
        assertEquals((15680 + 2000 + 4000) / 1064800.0, cell(t, total, "ψ"), 1e-12);
    }

    @Test
    void everyPlotIsAPngOfTheChartSizeAndIsShownOnTheIndex() throws IOException {
        String md = Files.readString(out.resolve("index.md"));
        List<String> pngs = summary.files().stream().filter(f -> f.endsWith(".png")).toList();
        // cws at k=2 (95.10 %) falls more than 2 points below the baseline: each sweep plot has a zoom too
        assertEquals(List.of(EXP + "occupancy-vs-accuracy.png", EXP + "occupancy-vs-accuracy-near-baseline.png",
                EXP + "accuracy-vs-k.png", EXP + "accuracy-vs-k-near-baseline.png", EXP + "accuracy-vs-k-p50.png",
                EXP + "accuracy-vs-k-p90.png",
                "matrix-fc1-cws-linear-bits.png", "matrix-fc1-cws-linear-time.png", "matrix-fc1-cws-linear-energy.png",
                "layers-compress-lenet.png"), pngs);
        assertTrue(md.contains("within 2 points of the baseline; 1 of 11 settings fall outside"), md);
        for (String f : pngs) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertNotNull(img, f + " decodes");
            assertEquals(Charts.WIDTH, img.getWidth(), f);
            assertEquals(Charts.HEIGHT, img.getHeight(), f);
            assertTrue(distinctColours(img) > 8, f + " is more than a blank canvas");
            assertTrue(md.contains("](" + f + ")"), f + " on the index");
        }
        for (String f : summary.files()) {
            if (f.endsWith(".csv")) {
                assertTrue(md.contains("](" + f + ")"), f + " linked from the index");
            }
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(summary.files().size(), s.count(), "no stray or temporary file");
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void aSecondReportReplacesTheFirstWhole(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("r");
        Report.write(List.of(FIXTURE), target);
        Report.Summary second = Report.write(List.of(FIXTURE.resolve("compress-lenet.json")), target);
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(second.files().size(), s.count(), "the first report's plots are gone");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary directory left beside it");
        }
    }

    @Test
    void filesMayBeGivenDirectly(@TempDir Path dir) throws IOException {
        Report.Summary s = Report.write(List.of(FIXTURE.resolve("results.jsonl"),
                FIXTURE.resolve("bench-fc1.json")), dir.resolve("r"));
        assertEquals(18, s.sweepRows());
        assertEquals(6, s.benchRecords());
        assertEquals(0, s.models());
    }

    @Test
    void matricesBenchedAsTheyAreFormASeriesByTheLevelInTheirName(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectory(in);
        StringBuilder json = new StringBuilder("[");
        // 10x10 layers as the sHAM authors store them: 70 and 10 non-zeros, no "prune" field
        for (int p : new int[] {30, 90}) {
            for (String f : new String[] {"csc", "sham"}) {
                json.append(json.length() > 1 ? "," : "").append("{\"matrix\": \"net-fc1_p").append(p)
                        .append("_k8\", \"rows\": 10, \"cols\": 10, \"nnz\": ").append(100 - p)
                        .append(", \"format\": \"").append(f).append("\", \"bitsPerEntry\": ")
                        .append(f.equals("csc") ? (100 - p) * 0.64 : (100 - p) * 0.1).append("}");
            }
        }
        Files.writeString(in.resolve("bench.json"), json.append("]").toString());
        Report.Summary s = Report.write(List.of(in), dir.resolve("r"));
        List<String[]> bits = csv(dir.resolve("r"), "matrix-net-fc1-p-k8-bits.csv");
        assertEquals(List.of("format", "p=30%", "p=90%"), List.of(bits.get(0)));
        assertEquals(6.4, cell(bits, row(bits, "csc"), "p=90%"), 1e-12);
        assertTrue(s.files().contains("matrix-net-fc1-p-k8-bits.png"), "two levels make a plot");
        assertFalse(s.files().contains("matrix-net-fc1-p-k8-time.png"), "no times, no time plot");
    }

    @Test
    void compareJsonGivesLayerSizesToo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("lenet-vs-small.json");
        Files.writeString(f, "{\"original\": \"a.sham\", \"compressed\": \"b.sham\", \"metric\": \"accuracy\", "
                + "\"layers\": [{\"node\": \"fc1\", \"op\": \"Dense\", \"shape\": \"784x300\", \"baseFormat\": "
                + "\"dense\", \"format\": \"sham\", \"baseBytes\": 940817, \"bytes\": 9408, \"denseBytes\": 940800}]}");
        Report.Summary s = Report.write(List.of(f), dir.resolve("r"));
        assertEquals(1, s.models());
        List<String[]> t = csv(dir.resolve("r"), "layers-lenet-vs-small.csv");
        assertEquals(List.of("fc1", "Dense", "784x300", "sham"), Arrays.asList(row(t, "fc1")).subList(0, 4));
        assertEquals(100.0, cell(t, row(t, "fc1"), "1/ψ"), 1e-9);
    }

    @Test
    void settingsThatDoNotApplyAreNoDifferenceAndSharedOnesAreStatedOnce(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectory(in);
        // the baseline itself (nothing trains: fine-tuning settings null) beside two fine-tuned settings
        String tuned = "\"finetuneEpochs\": 2, \"lr\": 0.001, \"batch\": 128";
        String none = "\"finetuneEpochs\": 0, \"lr\": null, \"batch\": null";
        Files.writeString(in.resolve("results.jsonl"), String.join("\n",
                row("none", "null", 0, none, 0.98, 1.0), row("cws", "16", 90, tuned, 0.979, 0.02),
                row("uq", "16", 90, tuned, 0.981, 0.021)) + "\n");
        Report.Summary s = Report.write(List.of(in), dir.resolve("r"));
        String md = Files.readString(dir.resolve("r").resolve("index.md"));
        assertTrue(md.contains("## lenet-300-100 on mnist, layers: dense"), md);
        assertTrue(md.contains("3 settings from 3 runs on `mnist:../shared/data/mnist`"), md);
        assertTrue(md.contains("The same in every setting (where it applies): batch 128, finetuneEpochs 2, lr 0.001."), md);
        List<String[]> all = csv(dir.resolve("r"), "lenet-300-100-mnist-dense-settings.csv");
        assertFalse(Arrays.asList(all.get(0)).contains("other"), Arrays.toString(all.get(0)));
        assertTrue(s.files().contains("lenet-300-100-mnist-dense-occupancy-vs-accuracy.png"), s.files().toString());
        List<String[]> unified = csv(dir.resolve("r"), "lenet-300-100-mnist-dense-best-per-method.csv");
        assertFalse(Arrays.asList(unified.get(0)).contains("other"));
    }

    private static String row(String method, String k, int prune, String tuning, double score, double occupancy) {
        return "{\"config\": {\"model\": \"lenet-300-100\", \"data\": \"mnist:../shared/data/mnist\", "
                + "\"layers\": \"dense\", \"prune\": " + prune + ", \"method\": \"" + method + "\", \"k\": " + k
                + ", \"unified\": false, " + tuning + ", \"seed\": 1}, \"metric\": \"accuracy\", \"score\": "
                + score + ", \"baseline\": 0.98, \"occupancy\": " + occupancy + "}";
    }

    @Test
    void forMseLowerIsBetter(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectory(in);
        Files.writeString(in.resolve("results.jsonl"), String.join("\n",
                mse("cws", 16, 0.30, 0.25, 1), mse("cws", 16, 0.31, 0.25, 2), mse("cws", 32, 0.26, 0.26, 1),
                mse("pws", 16, 0.24, 0.24, 1)) + "\n");
        Report.write(List.of(in), dir.resolve("r"));
        List<String[]> best = csv(dir.resolve("r"), "dta-davis-all-best-per-method.csv");
        assertEquals(0.26, cell(best, row(best, "cws"), "MSE"), 1e-12, "k=32 (0.26) beats k=16 (mean 0.305)");
        List<String[]> small = csv(dir.resolve("r"), "dta-davis-all-smallest-occupancy.csv");
        assertEquals("", row(small, "cws")[1], "no cws setting reaches the baseline MSE 0.25");
        assertEquals(0.24, cell(small, row(small, "pws"), "MSE"), 1e-12);
        String index = Files.readString(dir.resolve("r").resolve("index.md"));
        assertTrue(index.contains("## dta on davis, layers: all"), "a model file is named by its file name");
        assertTrue(index.contains("Smallest ψ with MSE at most the baseline's"), index);
    }

    private static String mse(String method, int k, double score, double occupancy, int seed) {
        return "{\"config\": {\"model\": \"/runs/models/dta.sham\", \"data\": \"davis\", \"layers\": \"all\", "
                + "\"prune\": [90, 95], "
                + "\"method\": \"" + method + "\", \"k\": " + k + ", \"unified\": false, \"seed\": " + seed + "}, "
                + "\"metric\": \"mse\", \"score\": " + score + ", \"baseline\": 0.25, \"occupancy\": " + occupancy
                + ", \"energyPerSample\": null, \"baseEnergyPerSample\": null}";
    }
}
