package org.sham4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.format.Formats;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.zoo.Zoo;
import org.sham4j.predict.Bindings;
import org.sham4j.predict.LocalPrediction;
import org.sham4j.predict.PredictRequest;

/**
 * {@code sham predict} locally and on Spark {@code local[2]} give the same outputs: a table of drug-target pairs
 * by id (lookup tables of SMILES and sequences, a text column with commas and quotes) scored by a DeepDTA with
 * compressed dense layers, as CSV and {@code .npy} (the same bytes) and as Parquet (the same rows: ours read back
 * by Spark), and {@code .npy} inputs; a bad cell is a one-line error naming it in both.
 */
class SparkPredictTest {
    private static final String SMILES = "CN=C(O)c1cc(Oc2ccc(NC(=O)Nc3ccc(Cl)c(C(F)(F)F)c3)cc2)ccn1";
    private static final String PROTEIN = "MSTAVLENPGLGRKLSDFGQETSYIEDNCNQNGAISLIFSLKEEVGALAKVLRLFEENDVNLTHIESRP";

    @TempDir
    static Path dir;
    static Graph model;
    static Path pairs;
    static Map<String, Path> lookups;

    @BeforeAll
    static void fixtures() throws Exception {
        Graph zoo = Zoo.build("deepdta-kiba", 5);
        Graph g = new Graph(List.of(new InputSpec("drug", new int[] {24}), new InputSpec("protein", new int[] {60})),
                zoo.nodes(), zoo.outputs(), zoo.preprocessing());
        List<String> dense = LayerSelection.byName("dense").select(g);
        Pruning p = Pruning.prune(g, dense, 85, false);
        Graph shared = SharedLayers.quantize(p.graph(), dense, QuantizerSpec.parse("uq:16"), false).apply(p.graph());
        model = Encoding.encode(shared, dense, Formats.byName("gsham"));

        Random r = new Random(2);
        StringBuilder drugs = new StringBuilder("{");
        for (int d = 0; d < 9; d++) {
            drugs.append(d == 0 ? "" : ", ").append("\"D").append(d).append("\": \"")
                    .append(SMILES.substring(r.nextInt(20))).append('"');
        }
        Path drugFile = dir.resolve("drugs.json");
        Files.writeString(drugFile, drugs.append('}').toString());
        StringBuilder proteins = new StringBuilder("id,sequence\n");
        for (int q = 0; q < 7; q++) {
            proteins.append("P").append(q).append(',').append(PROTEIN.substring(r.nextInt(30))).append('\n');
        }
        Path proteinFile = dir.resolve("proteins.csv");
        Files.writeString(proteinFile, proteins.toString());
        lookups = Map.of("drug", drugFile, "protein", proteinFile);
        StringBuilder csv = new StringBuilder("ligand,target,note\n");
        for (int d = 0; d < 9; d++) {
            for (int q = 0; q < 7; q++) {
                String note = (d + q) % 5 == 0 ? "\"a, \"\"quoted\"\" note\"" : (d + q) % 5 == 1 ? "" : "n" + d + q;
                csv.append('D').append(d).append(",P").append(q).append(',').append(note).append('\n');
            }
        }
        pairs = dir.resolve("pairs.csv");
        Files.writeString(pairs, csv.toString());
    }

    private static PredictRequest request(List<Path> inputs, Path out, boolean table) throws Exception {
        Bindings b = table ? Bindings.of(model, Map.of("drug", "ligand", "protein", "target"), Map.of(), lookups)
                : Bindings.of(model, Map.of(), Map.of("drug", "numbers", "protein", "numbers"), Map.of());
        return new PredictRequest(model, "m", inputs, out, b, true, 5, 2, 1 << 20, false, null, true);
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8);

    @Test
    void aTableOfPairsGivesTheSameOutputsLocallyAndOnLocalTwo() throws Exception {
        for (String ext : List.of(".csv", ".npy", ".parquet")) {
            LocalPrediction.Summary l = LocalPrediction.run(request(List.of(pairs), dir.resolve("local" + ext), true),
                    QUIET);
            assertEquals(63, l.rows());
            LocalPrediction.Summary s = new SparkPredict().predict(request(List.of(pairs), dir.resolve("spark" + ext),
                    true), "local[2]", QUIET);
            assertEquals(63, s.rows());
        }
        assertEquals(-1L, Files.mismatch(dir.resolve("local.csv"), dir.resolve("spark.csv")));
        assertEquals(-1L, Files.mismatch(dir.resolve("local.npy"), dir.resolve("spark.npy")));
        List<String> lines = Files.readAllLines(dir.resolve("local.csv"));
        assertEquals("ligand,target,note,prediction", lines.get(0));
        assertTrue(lines.get(1).startsWith("D0,P0,\"a, \"\"quoted\"\" note\","), lines.get(1));

        // our Parquet file and Spark's part files hold the same rows (Spark reads both)
        SparkSession spark = Sessions.open("local[1]", "check");
        try {
            List<String> ours = sorted(spark.read().parquet(dir.resolve("local.parquet").toString()).collectAsList());
            List<String> theirs = sorted(spark.read().parquet(dir.resolve("spark.parquet").toString())
                    .collectAsList());
            assertEquals(63, ours.size());
            assertEquals(ours, theirs);
            assertEquals(lines.subList(1, lines.size()).stream().map(l -> l.replace("\"a, \"\"quoted\"\" note\"",
                    "a, \"quoted\" note")).sorted().toList(), ours);
            assertEquals(List.of("ligand", "target", "note", "prediction"),
                    List.of(spark.read().parquet(dir.resolve("local.parquet").toString()).columns()));
        } finally {
            spark.stop();
        }
    }

    @Test
    void npyInputsGiveTheSameBytesLocallyAndOnLocalTwo() throws Exception {
        Random r = new Random(5);
        int n = 30;
        float[] d = new float[n * 24];
        float[] q = new float[n * 60];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(64);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = 1 + r.nextInt(25);
        }
        Path dn = dir.resolve("d.npy");
        Path qn = dir.resolve("q.npy");
        NpyWriter.write(dn, new Tensor(new int[] {n, 24}, d));
        NpyWriter.write(qn, new Tensor(new int[] {n, 60}, q));
        LocalPrediction.run(request(List.of(dn, qn), dir.resolve("npy-local.npy"), false), QUIET);
        new SparkPredict().predict(request(List.of(dn, qn), dir.resolve("npy-spark.npy"), false), "local[2]", QUIET);
        assertEquals(-1L, Files.mismatch(dir.resolve("npy-local.npy"), dir.resolve("npy-spark.npy")));
        assertEquals(128 + 4 * n, Files.size(dir.resolve("npy-local.npy")));
    }

    @Test
    void aBadCellIsOneLineNamingItInBothModes() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "drug,protein\nCCO,MKV\nCC!O,MKV\n");
        Bindings b = Bindings.of(model, Map.of(), Map.of(), Map.of());
        for (String master : new String[] {null, "local[2]"}) {
            PredictRequest req = new PredictRequest(model, "m", List.of(bad), dir.resolve("bad-" + master + ".csv"), b,
                    true, 5, 2, 1 << 20, false, null, true);
            Exception e = assertThrows(Exception.class, () -> {
                if (master == null) {
                    LocalPrediction.run(req, QUIET);
                } else {
                    new SparkPredict().predict(req, master, QUIET);
                }
            });
            assertTrue(e.getMessage().contains("row 2, column 'drug'") && e.getMessage().contains("character '!'"),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(!Files.exists(dir.resolve("bad-" + master + ".csv")), "no output");
        }
    }

    private static List<String> sorted(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                sb.append(i == 0 ? "" : ",").append(v == null ? "" : v);
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }
}
