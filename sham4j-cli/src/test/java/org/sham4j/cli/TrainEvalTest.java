package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.experiment.SweepFixtures;
import org.sham4j.model.compress.GraphWeights;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;

/** {@code sham train}, {@code eval}, {@code compress} and {@code compare} end to end on a tiny .npz data set. */
class TrainEvalTest {
    @TempDir
    Path dir;

    private Path stripes(int n, int... sampleShape) throws Exception {
        return SweepFixtures.stripes(dir, n, sampleShape);
    }

    @Test
    void trainThenEvalOnBothEngines() throws Exception {
        Path data = stripes(200, 784);
        Path model = dir.resolve("m.sham");
        CliRun t = CliRun.of("train", "lenet-300-100", "--data", "npz:" + data, "--out", model.toString(), "--epochs", "2",
                "--batch", "20", "--lr", "0.002", "--seed", "4", "--quiet");
        assertEquals(0, t.exit(), t.err());
        assertTrue(Files.size(model) > 0);
        assertTrue(t.err().contains("epoch 2/2"), t.err());
        assertTrue(!Files.exists(dir.resolve("m.sham.ckpt")), "the checkpoint goes when the training ends");
        Files.createDirectories(dir.resolve("m.sham.ckpt"));
        CliRun again = CliRun.of("train", "lenet-300-100", "--data", "npz:" + data, "--out", model.toString(),
                "--epochs", "2", "--quiet");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("pass --resume to continue it"), again.err());
        Files.delete(dir.resolve("m.sham.ckpt"));
        Path javaJson = dir.resolve("java.json");
        Path djlJson = dir.resolve("djl.json");
        CliRun j = CliRun.of("eval", model.toString(), "--data", "npz:" + data, "--json", javaJson.toString());
        assertEquals(0, j.exit(), j.err());
        CliRun d = CliRun.of("eval", model.toString(), "--data", "npz:" + data, "--engine", "djl", "--json",
                djlJson.toString());
        assertEquals(0, d.exit(), d.err());
        String a = Files.readString(javaJson);
        String b = Files.readString(djlJson);
        assertTrue(CliRun.number(a, "accuracy") > 0.9, a);
        assertEquals(CliRun.number(a, "accuracy"), CliRun.number(b, "accuracy"));
        assertEquals(200, CliRun.number(a, "samples"));
        assertEquals(4 * (784 * 300 + 300 * 100 + 100 * 10), CliRun.number(a, "weightBytes"), 1024);
        assertTrue(CliRun.number(a, "nanosPerSample") > 0);
    }

    @Test
    void dataOfTheWrongShapeIsRefusedNamingBothShapes() throws Exception {
        Path data = stripes(20, 100);
        CliRun t = CliRun.of("train", "lenet-5", "--data", "npz:" + data, "--out", dir.resolve("m.sham").toString());
        assertEquals(1, t.exit());
        assertTrue(t.err().contains("(100)") && t.err().contains("(1, 28, 28)"), t.err());
        CliRun u = CliRun.of("train", "deepdta", "--data", "npz:" + data, "--out", dir.resolve("m.sham").toString());
        assertEquals(1, u.exit());
        assertTrue(u.err().contains("1 input") && u.err().contains("2"), u.err());
        CliRun v = CliRun.of("train", "alexnet", "--data", "npz:" + data, "--out", dir.resolve("m.sham").toString());
        assertTrue(v.err().contains("unknown architecture"), v.err());
        CliRun w = CliRun.of("eval", dir.resolve("none.sham").toString(), "--data", "nope:x");
        assertEquals(1, w.exit());
        assertEquals(1, w.err().strip().lines().count(), w.err());
    }

    @Test
    void compressingTheConvolutionsWithTheRestFrozenLeavesTheDenseLayersAsTheyWere() throws Exception {
        Path data = stripes(120, 1, 28, 28);
        Path model = dir.resolve("lenet5.sham");
        CliRun t = CliRun.of("train", "lenet-5", "--data", "npz:" + data, "--out", model.toString(), "--epochs", "1",
                "--batch", "20", "--quiet");
        assertEquals(0, t.exit(), t.err());
        Path small = dir.resolve("small.sham");
        CliRun c = CliRun.of("compress", model.toString(), "--data", "npz:" + data, "--out", small.toString(),
                "--layers", "conv", "--trainable", "selected", "--prune", "50", "--quantize", "cws:4",
                "--finetune-epochs", "1", "--batch", "40", "--weight-decay", "0.001", "--quiet");
        assertEquals(0, c.exit(), c.err());
        Graph before = ModelFile.load(model);
        Graph after = ModelFile.load(small);
        List<String> conv = LayerSelection.CONV.select(before);
        List<String> dense = LayerSelection.DENSE.select(before);
        assertEquals(2, conv.size());
        assertEquals(2, dense.size());
        Map<String, DenseMatrix> b = GraphWeights.of(before, dense);
        Map<String, DenseMatrix> a = GraphWeights.of(after, dense);
        for (String layer : dense) {
            assertArrayEquals(b.get(layer).data(), a.get(layer).data(), layer + " was frozen");
        }
        Map<String, DenseMatrix> tuned = GraphWeights.of(after, conv);
        for (String layer : conv) {
            assertTrue(Arrays.stream(toDouble(tuned.get(layer).data())).distinct().count() <= 5, layer);
        }
        CliRun bad = CliRun.of("compress", model.toString(), "--data", "npz:" + data, "--out", small.toString(),
                "--trainable", "some");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--trainable 'some'"), bad.err());
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    void compressThenCompareAndEval() throws Exception {
        Path data = stripes(200, 784);
        Path model = dir.resolve("base.sham");
        CliRun t = CliRun.of("train", "lenet-300-100", "--data", "npz:" + data, "--out", model.toString(), "--epochs", "1",
                "--batch", "20", "--lr", "0.002", "--seed", "4", "--quiet");
        assertEquals(0, t.exit(), t.err());
        Path small = dir.resolve("small.sham");
        Path summary = dir.resolve("compress.json");
        CliRun c = CliRun.of("compress", model.toString(), "--data", "npz:" + data, "--out", small.toString(), "--prune", "90",
                "--prune-steps", "2", "--quantize", "cws:8", "--unified", "--finetune-epochs", "1", "--batch", "50",
                "--json", summary.toString(), "--quiet");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.err().contains("prune round 2/2: 90.00%") && c.err().contains("quantize: cws:8, unified")
                && c.err().contains("shared-value training") && c.err().contains("encode:"), c.err());
        assertTrue(c.out().contains("bits/weight") && c.out().contains("total"), c.out());
        String s = Files.readString(summary);
        assertTrue(CliRun.number(s, "occupancy") < 0.1, s);
        Matcher k = Pattern.compile("\"k\": ([0-9]+)").matcher(s);
        int layers = 0;
        for (; k.find(); layers++) {
            assertTrue(Integer.parseInt(k.group(1)) <= 8, s);
        }
        assertEquals(3, layers);
        assertEquals(Files.size(small), (long) CliRun.number(s, "fileBytes"));

        Path evalJson = dir.resolve("eval.json");
        CliRun e = CliRun.of("eval", small.toString(), "--data", "npz:" + data, "--json", evalJson.toString());
        assertEquals(0, e.exit(), e.err());
        assertEquals(CliRun.number(s, "accuracy"), CliRun.number(Files.readString(evalJson), "accuracy"), 1e-12);

        Path cmp = dir.resolve("compare.json");
        Path csv = dir.resolve("compare.csv");
        CliRun d = CliRun.of("compare", model.toString(), small.toString(), "--data", "npz:" + data, "--batch", "64",
                "--json", cmp.toString(), "--csv", csv.toString());
        assertEquals(0, d.exit(), d.err());
        String j = Files.readString(cmp);
        for (String key : new String[] {"accuracy", "baseline", "bytes", "denseBytes", "occupancy", "timeRatio"}) {
            assertTrue(Double.isFinite(CliRun.number(j, key)), key);
        }
        assertTrue(j.contains("\"layers\": ["), j);
        assertEquals(CliRun.number(s, "bytes"), CliRun.number(j, "bytes"));
        assertEquals(5, Files.readAllLines(csv).size());
        CliRun i = CliRun.of("info", small.toString());
        assertEquals(0, i.exit(), i.err());
    }
}
