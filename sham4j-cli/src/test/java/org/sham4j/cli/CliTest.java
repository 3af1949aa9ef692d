package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    private record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(System.err, true));
            cl.setOut(new java.io.PrintWriter(System.out, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

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
        Run v = run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().contains("sham4j"), v.out());
        assertEquals(0, run("bench", "--help").exit());
    }

    @Test
    void encodeDecodeInfoRoundTripInEveryFormat() throws Exception {
        Path in = sampleNpy();
        SparseMatrix original = MatrixReader.read(in.toString()).get(0).matrix();
        for (MatrixFormat f : Formats.all()) {
            Path shm = dir.resolve(f.name() + ".shm");
            Run e = run("encode", in.toString(), "--format", f.name(), "--out", shm.toString());
            assertEquals(0, e.exit(), e.err());
            for (String ext : new String[] {".npy", ".mtx", ".mtx.gz"}) {
                Path back = dir.resolve(f.name() + ext);
                Run d = run("decode", shm.toString(), "--out", back.toString());
                assertEquals(0, d.exit(), d.err());
                SparseMatrix m = MatrixReader.read(back.toString()).get(0).matrix();
                assertTrue(m.toDense().bitEquals(original.toDense()), f.name() + ext);
            }
            Run info = run("info", shm.toString(), "--json");
            assertEquals(0, info.exit(), info.err());
            assertTrue(info.out().contains("\"bytes\": " + Files.size(shm)), "info reports the file's size");
        }
    }

    @Test
    void benchWritesJsonAndCsvWithTheDocumentedKeys() throws Exception {
        Path in = sampleNpy();
        Path json = dir.resolve("b.json");
        Path csv = dir.resolve("b.csv");
        Run b = run("bench", in.toString(), "--formats", "csc,sham,gsham", "--threads", "2", "--repeat", "3",
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
    void badInputGivesOneLineErrors() throws Exception {
        Run missing = run("bench", dir.resolve("nope.mtx").toString(), "-q");
        assertEquals(1, missing.exit());
        assertOneLine(missing.err(), "nope.mtx");

        Path in = sampleNpy();
        Path shm = dir.resolve("m.shm");
        assertEquals(0, run("encode", in.toString(), "--format", "sham", "--out", shm.toString()).exit());
        byte[] bytes = Files.readAllBytes(shm);
        bytes[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("bad.shm");
        Files.write(bad, bytes);
        Run corrupt = run("info", bad.toString());
        assertEquals(1, corrupt.exit());
        assertOneLine(corrupt.err(), "checksum");

        Run format = run("encode", in.toString(), "--format", "zip", "--out", dir.resolve("x.shm").toString());
        assertEquals(1, format.exit());
        assertOneLine(format.err(), "unknown format 'zip'");
        assertFalse(Files.exists(dir.resolve("x.shm")));

        Run quant = run("bench", in.toString(), "--quantize", "kmeans:3", "-q");
        assertEquals(1, quant.exit());
        assertOneLine(quant.err(), "unknown quantizer");
    }

    private static void assertOneLine(String err, String needle) {
        String trimmed = err.strip();
        assertTrue(trimmed.contains(needle), err);
        assertFalse(trimmed.contains("\n"), "one line: " + err);
        assertFalse(trimmed.contains("Exception"), "no stack trace: " + err);
    }
}
