package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.io.ModelFile;
import org.sham4j.onnx.OnnxImporter;

/**
 * One preprocessing for every command that feeds data: the model's, flags over it, said on standard error, a
 * warning when nothing is recorded or given; and the small faults of output paths and tolerances.
 */
class PreprocessingCommandsTest {
    private static final Path MODEL = TorchModelsCompressTest.FIXTURES.resolve("cnn1d.onnx");
    private static final String DATA = "npz:" + TorchModelsCompressTest.FIXTURES.resolve("cnn1d").resolve("tiny.npz");

    @TempDir
    Path dir;

    private static long lines(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void aModelRecordingNothingIsFedRawValuesWithOneWarning() {
        CliRun r = CliRun.of("eval", MODEL.toString(), "--data", DATA);
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, lines(r.err(), "sham eval: warning: cnn1d.onnx records no preprocessing and no --scale, "
                + "--mean, --std or --layout is given: raw data values are fed to it"), r.err());
        assertTrue(r.err().contains("sham eval: cnn1d.onnx preprocessing: x * 1.0, mean 0.0, std 1.0, layout NCHW "
                + "(none recorded, no flag)"), r.err());
        CliRun f = CliRun.of("eval", MODEL.toString(), "--data", DATA, "--scale", "2", "--mean", "0.5", "--std", "4");
        assertEquals(0, f.exit(), f.err());
        assertEquals(0, lines(f.err(), "warning"), f.err());
        assertTrue(f.err().contains("preprocessing: x * 2.0, mean 0.5, std 4.0, layout NCHW (from the flags)"),
                f.err());
    }

    @Test
    void compressRecordsWhatItUsedAndCompareAndInfoShowIt() throws Exception {
        Path out = dir.resolve("small.sham");
        CliRun c = CliRun.of("compress", MODEL.toString(), "--data", DATA, "--scale", "0.5", "--std", "2",
                "--prune", "30", "--finetune-epochs", "0", "--quiet", "--out", out.toString());
        assertEquals(0, c.exit(), c.err());
        Preprocessing p = ModelFile.load(out).preprocessing();
        assertTrue(p.recorded());
        assertEquals(0.5f, p.scale());
        assertEquals(2f, p.std()[0]);
        CliRun i = CliRun.of("info", out.toString());
        assertTrue(i.out().contains("preprocessing x * 0.5, mean 0.0, std 2.0, layout NCHW"), i.out());
        CliRun none = CliRun.of("info", MODEL.toString());
        assertTrue(none.out().contains("preprocessing none recorded"), none.out());
        CliRun j = CliRun.of("info", out.toString(), "--json");
        assertTrue(j.out().contains("\"recorded\": true") && j.out().contains("\"scale\": 0.5"), j.out());
        CliRun cmp = CliRun.of("compare", MODEL.toString(), out.toString(), "--data", DATA, "--batch", "16");
        assertEquals(0, cmp.exit(), cmp.err());
        assertTrue(cmp.err().contains("sham compare: preprocessing of both models: x * 0.5, mean 0.0, std 2.0, layout "
                + "NCHW (as the model records; the original records none and takes the compressed model's)"),
                cmp.err());
        assertEquals(0, lines(cmp.err(), "warning"), cmp.err());
    }

    @Test
    void runPreprocessNeedsSomethingRecordedOrGiven() throws Exception {
        Path inputs = TorchModelsCompressTest.FIXTURES.resolve("cnn1d").resolve("test_data_set_0");
        CliRun r = CliRun.of("run", MODEL.toString(), "--inputs", inputs.toString(), "--preprocess");
        assertEquals(1, r.exit());
        assertEquals("sham run: error: " + MODEL + " records no preprocessing: give --scale, --mean, --std or "
                + "--layout to say how raw inputs become model inputs", r.err().strip());
        CliRun ok = CliRun.of("run", MODEL.toString(), "--inputs", inputs.toString(), "--scale", "1");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.err().contains("sham run: preprocessing x * 1.0, mean 0.0, std 1.0, layout NCHW (from the flags)"),
                ok.err());
        CliRun tol = CliRun.of("run", MODEL.toString(), "--inputs", inputs.toString(), "--tolerance", "-1");
        assertEquals(1, tol.exit());
        assertTrue(tol.err().contains("--tolerance must be 0 or more, got -1.0"), tol.err());
    }

    @Test
    void exportRecordsTheFlagsInTheOnnxMetadata() throws Exception {
        Path onnx = dir.resolve("recorded.onnx");
        CliRun e = CliRun.of("export", MODEL.toString(), "--onnx", onnx.toString(), "--scale", "0.003921569",
                "--mean", "0.2860", "--std", "0.3530", "--opset", "13");
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.out().contains("opset 13, IR version 7"), e.out());
        Preprocessing p = OnnxImporter.read(onnx).preprocessing();
        assertTrue(p.recorded());
        assertEquals(0.2860f, p.mean()[0]);
        CliRun r = CliRun.of("eval", onnx.toString(), "--data", DATA);
        assertEquals(0, lines(r.err(), "warning"), r.err());
        assertTrue(r.err().contains("(as the model records)"), r.err());
    }

    @Test
    void outputsIntoAMissingDirectoryAreRefused() {
        Path missing = dir.resolve("no-such-dir").resolve("out.sham");
        CliRun c = CliRun.of("compress", MODEL.toString(), "--data", DATA, "--out", missing.toString());
        assertEquals(1, c.exit());
        assertEquals("sham compress: error: " + missing + ": the directory " + missing.getParent() + " does not exist",
                c.err().strip());
        CliRun e = CliRun.of("export", MODEL.toString(), "--onnx", missing.toString());
        assertEquals(1, e.exit());
        assertFalse(Files.exists(missing.getParent()));
    }
}
