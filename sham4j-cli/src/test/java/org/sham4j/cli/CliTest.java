package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.energy.EnergyCosts;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.io.MatrixReader;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** The sham commands end to end, in process. */
class CliTest {
    @TempDir
    Path dir;



    private Path sampleNpy() throws Exception {
        Random rnd = new Random(5);
        float[] shared = {-0.5f, -0.25f, 0.125f, 0.75f, 1.5f};
        float[] a = new float[60 * 40];
        for (int e = 0; e < a.length; e++) {
            if (rnd.nextInt(10) == 0) {
                a[e] = shared[rnd.nextInt(shared.length)];
            }
        }
        Path p = dir.resolve("w.npy");
        NpyWriter.write(p, new DenseMatrix(60, 40, a));
        return p;
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.of("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().contains("sham4j"), v.out());
        assertTrue(v.out().contains("kernels: scalar") || v.out().contains("kernels: Vector API"), v.out());
        assertEquals(0, CliRun.of("bench", "--help").exit());
    }

    @Test
    void encodeDecodeInfoRoundTripInEveryFormat() throws Exception {
        Path in = sampleNpy();
        SparseMatrix original = MatrixReader.read(in.toString()).get(0).matrix();
        for (MatrixFormat f : Formats.all()) {
            Path shm = dir.resolve(f.name() + ".shm");
            CliRun e = CliRun.of("encode", in.toString(), "--format", f.name(), "--out", shm.toString());
            assertEquals(0, e.exit(), e.err());
            for (String ext : new String[] {".npy", ".mtx", ".mtx.gz"}) {
                Path back = dir.resolve(f.name() + ext);
                CliRun d = CliRun.of("decode", shm.toString(), "--out", back.toString());
                assertEquals(0, d.exit(), d.err());
                SparseMatrix m = MatrixReader.read(back.toString()).get(0).matrix();
                assertTrue(m.toDense().bitEquals(original.toDense()), f.name() + ext);
            }
            CliRun info = CliRun.of("info", shm.toString(), "--json");
            assertEquals(0, info.exit(), info.err());
            assertTrue(info.out().contains("\"bytes\": " + Files.size(shm)), "info reports the file's size");
        }
    }

    @Test
    void benchWritesJsonAndCsvWithTheDocumentedKeys() throws Exception {
        Path in = sampleNpy();
        Path json = dir.resolve("b.json");
        Path csv = dir.resolve("b.csv");
        CliRun b = CliRun.of("bench", in.toString(), "--formats", "csc,sham,gsham", "--threads", "2", "--repeat", "3",
                "--json", json.toString(), "--csv", csv.toString(), "-q", "--prune", "95", "--quantize", "cws:4");
        assertEquals(0, b.exit(), b.err());
        String j = Files.readString(json);
        for (String key : new String[] {"matrix", "rows", "cols", "nnz", "distinct", "format", "bytes",
                "bitsPerEntry", "vectorNanos", "batchNanos", "threads", "maxAbsError", "prune", "quantizer", "k",
                "mse", "entropy", "quantizeNanos"}) {
            assertTrue(j.contains("\"" + key + "\":"), "JSON key " + key);
        }
        assertEquals(4, Files.readAllLines(csv).size(), "header and three rows");
        assertTrue(b.out().contains("sham"), b.out());
    }

    @Test
    void benchTimesEachFormatInSeveralJvmsAndReportsTheirSpread() throws Exception {
        Path in = sampleNpy();
        Path json = dir.resolve("f.json");
        CliRun b = CliRun.of("bench", in.toString(), "--formats", "csc", "--threads", "1", "--repeat", "1",
                "--forks", "3", "--json", json.toString(), "-q");
        assertEquals(0, b.exit(), b.err());
        String j = Files.readString(json);
        assertEquals(3, CliRun.number(j, "forks"));
        assertTrue(CliRun.number(j, "vectorSpread") >= 1 && CliRun.number(j, "batchSpread") >= 1, j);
        assertTrue(b.out().contains("spread"), b.out());
        CliRun one = CliRun.of("bench", in.toString(), "--formats", "csc", "--repeat", "1", "--json", json.toString(),
                "-q");
        assertEquals(0, one.exit(), one.err());
        assertEquals(1, CliRun.number(Files.readString(json), "forks"));
        assertEquals(1, CliRun.number(Files.readString(json), "vectorSpread"));
        assertFalse(one.out().contains("spread"), one.out());
        CliRun inJvm = CliRun.of("bench", in.toString(), "--formats", "csc", "--repeat", "1", "--forks", "2",
                "--no-fork");
        assertUsage(inJvm.err(), "sham bench: usage error: --forks 2 times in JVMs of their own: it cannot go with "
                + "--no-fork");
        assertUsage(CliRun.of("bench", in.toString(), "--forks", "0").err(),
                "sham bench: usage error: --forks must be 1 to 100, got 0");
    }

    @Test
    void benchReportsTheEnergyOfTheCoreModel() throws Exception {
        Path in = sampleNpy();
        Path json = dir.resolve("e.json");
        CliRun b = CliRun.of("bench", in.toString(), "--formats", "ham", "--repeat", "0", "--json", json.toString(),
                "-q");
        assertEquals(0, b.exit(), b.err());
        SparseMatrix m = MatrixReader.read(in.toString()).get(0).matrix();
        double pj = EnergyCosts.HOROWITZ_45NM.picojoules(Formats.byName("ham").encode(m).productCounts());
        String j = Files.readString(json);
        assertEquals(pj, CliRun.number(j, "productPicojoules"), 1e-6 * pj);
        assertEquals(pj / (60 * 40), CliRun.number(j, "picojoulesPerEntry"), 1e-6 * pj);
        assertTrue(j.contains("\"energyParts\": {"), j);
        assertTrue(b.out().contains("nJ/product") && b.out().contains(String.format("%.1f", pj / 1e3)), b.out());
    }

    @Test
    void benchTakesSeveralPruningLevelsAndTagsEachRecord() throws Exception {
        Path in = sampleNpy();
        Path json = dir.resolve("p.json");
        Path csv = dir.resolve("p.csv");
        CliRun b = CliRun.of("bench", in.toString(), "--formats", "csc,sham", "--repeat", "0", "--prune",
                "95,97,99", "--quantize", "cws:4", "--json", json.toString(), "--csv", csv.toString(), "-q");
        assertEquals(0, b.exit(), b.err());
        java.util.List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 3 * 2, lines.size(), "header and every format at every level");
        int prune = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("prune");
        int nnz = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("nnz");
        String[] levels = {"95.0", "95.0", "97.0", "97.0", "99.0", "99.0"};
        long lastNnz = Long.MAX_VALUE;
        for (int r = 0; r < levels.length; r++) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(levels[r], cells[prune]);
            long n = Long.parseLong(cells[nnz]);
            assertTrue(r % 2 == 1 ? n == lastNnz : n < lastNnz, "fewer non-zeros at each level");
            lastNnz = n;
        }
        assertEquals(6, Files.readString(json).split("\"prune\": ").length - 1);
        assertTrue(b.out().contains("prune %"), b.out());
    }

    @Test
    void reportPlotsWhatBenchWrites() throws Exception {
        Path in = sampleNpy();
        Path results = dir.resolve("results");
        Files.createDirectory(results);
        CliRun b = CliRun.of("bench", in.toString(), "--formats", "dense,csc,sham,gsham", "--repeat", "1",
                "--batch", "2", "--threads", "1", "--prune", "50,90,99", "--quantize", "cws:4", "--json",
                results.resolve("bench.json").toString(), "-q");
        assertEquals(0, b.exit(), b.err());
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("report", results.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3 plots, 3 tables"), r.out());
        for (String m : new String[] {"bits", "time", "energy"}) {
            assertTrue(Files.size(out.resolve("matrix-w-cws-linear-" + m + ".png")) > 10_000, m);
        }
        java.util.List<String> bits = Files.readAllLines(out.resolve("matrix-w-cws-linear-bits.csv"));
        assertEquals("format,p=50%,p=90%,p=99%", bits.get(0));
        assertEquals(5, bits.size(), "header and four formats");

        CliRun missing = CliRun.of("report", dir.resolve("nope").toString(), "--out", dir.resolve("r2").toString());
        assertEquals(1, missing.exit());
        assertOneLine(missing.err(), "nope: no such file or directory");
    }

    @Test
    void badPruningLevelsAreRefusedBeforeAnyWork() throws Exception {
        Path in = sampleNpy();
        CliRun range = CliRun.of("bench", in.toString(), "--prune", "50,150", "-q");
        assertEquals(2, range.exit());
        assertUsage(range.err(), "between 0 and 100, got 150");
        CliRun twice = CliRun.of("bench", in.toString(), "--prune", "50,50", "-q");
        assertEquals(2, twice.exit());
        assertUsage(twice.err(), "given twice");
        CliRun encode = CliRun.of("encode", in.toString(), "--format", "sham", "--prune", "50,90", "--out",
                dir.resolve("x.shm").toString());
        assertEquals(2, encode.exit());
        assertUsage(encode.err(), "one level");
    }

    @Test
    void generateWritesTheStatisticsAskedForAndBenchReadsIt() throws Exception {
        Path mtx = dir.resolve("g.mtx.gz");
        CliRun g = CliRun.of("generate", "rows=300,cols=20,density=0.25,distinct=40", "--seed", "9", "--out",
                mtx.toString(), "-q");
        assertEquals(0, g.exit(), g.err());
        assertTrue(g.out().contains("300 x 20, 1500 non-zeros (0.2500), 40 distinct, seed 9"), g.out());
        SparseMatrix m = MatrixReader.read(mtx, null).get(0).matrix();
        assertEquals(1500, m.nnz());
        Path npy = dir.resolve("g.npy");
        assertEquals(0, CliRun.of("generate", "rows=300,cols=20,density=0.25,distinct=40", "--seed", "9", "--out",
                npy.toString(), "-q").exit());
        assertTrue(m.toDense().bitEquals(MatrixReader.read(npy, null).get(0).matrix().toDense()));

        Path json = dir.resolve("g.json");
        CliRun b = CliRun.of("bench", mtx.toString(), "--formats", "ham,gsham", "--repeat", "0", "--json",
                json.toString(), "-q");
        assertEquals(0, b.exit(), b.err());
        String text = Files.readString(json);
        assertTrue(text.contains("\"distinct\": 40") && text.contains("\"peakHeapBytes\": ")
                && text.contains("\"paperBitsPerEntry\": ") && text.contains("\"java\": \"" + System.getProperty(
                "java.version") + "\"") && text.contains("\"vectorApi\": "), text);

        CliRun spec = CliRun.of("generate", "rows=10,cols=10,nnz=3,distinct=4", "--out", dir.resolve("x.mtx").toString());
        assertEquals(2, spec.exit());
        assertUsage(spec.err(), "sham generate: usage error: 4 distinct values cannot all appear among 3 non-zeros");
        CliRun out = CliRun.of("generate", "covtype", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, out.exit());
        assertUsage(out.err(), "must end in .mtx, .mtx.gz or .npy");
    }

    @Test
    void badInputGivesOneLineErrors() throws Exception {
        CliRun missing = CliRun.of("bench", dir.resolve("nope.mtx").toString(), "-q");
        assertEquals(1, missing.exit());
        assertOneLine(missing.err(), "nope.mtx");

        Path in = sampleNpy();
        Path shm = dir.resolve("m.shm");
        assertEquals(0, CliRun.of("encode", in.toString(), "--format", "sham", "--out", shm.toString()).exit());
        byte[] bytes = Files.readAllBytes(shm);
        bytes[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("bad.shm");
        Files.write(bad, bytes);
        CliRun corrupt = CliRun.of("info", bad.toString());
        assertEquals(1, corrupt.exit());
        assertOneLine(corrupt.err(), "checksum");

        CliRun format = CliRun.of("encode", in.toString(), "--format", "zip", "--out", dir.resolve("x.shm").toString());
        assertEquals(2, format.exit());
        assertUsage(format.err(), "sham encode: usage error: unknown format 'zip'");
        assertFalse(Files.exists(dir.resolve("x.shm")));

        CliRun quant = CliRun.of("bench", in.toString(), "--quantize", "kmeans:3", "-q");
        assertEquals(2, quant.exit());
        assertUsage(quant.err(), "unknown quantizer");

        CliRun option = CliRun.of("bench", in.toString(), "--threads", "many");
        assertEquals(2, option.exit());
        assertUsage(option.err(), "sham bench: usage error: Invalid value for option '--threads'");
    }

    /** A usage error: the problem on one line, where to find help on the next. */
    private static void assertUsage(String err, String needle) {
        List<String> lines = err.strip().lines().toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.get(0).contains(needle), err);
        assertTrue(lines.get(1).startsWith("Try '") && lines.get(1).endsWith(" --help' for more information."), err);
    }

    private static void assertOneLine(String err, String needle) {
        String trimmed = err.strip();
        assertTrue(trimmed.contains(needle), err);
        assertFalse(trimmed.contains("\n"), "one line: " + err);
        assertFalse(trimmed.contains("Exception"), "no stack trace: " + err);
    }
}
