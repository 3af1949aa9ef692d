package org.sham4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.SequenceAlphabet;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;

/**
 * {@code sham predict} in one JVM: drug-target pairs by id with lookup tables, scored as the graph scores them;
 * CSV, {@code .npy} and Parquet outputs of the same values; refusals in one line, and no output left behind.
 */
class LocalPredictionTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8);
    private static final String[] SMILES = {"CCO", "c1ccccc1O", "CN=C(O)c1cc", "CCO"};
    private static final String[] PROTEINS = {"MKVLAAGIT", "MSTAVLENPGLGRK", "MKVLAAGIT"};

    @TempDir
    static Path dir;
    static Graph model;
    static Path pairs;
    static Map<String, Path> lookups;

    @BeforeAll
    static void fixtures() throws Exception {
        model = PredictorTest.compressedDeepDta("gsham");
        StringBuilder drugs = new StringBuilder("{");
        for (int d = 0; d < SMILES.length; d++) {
            drugs.append(d == 0 ? "" : ",").append("\"D").append(d).append("\":\"").append(SMILES[d]).append('"');
        }
        Files.writeString(dir.resolve("drugs.json"), drugs.append('}'));
        StringBuilder proteins = new StringBuilder("id,sequence\n");
        for (int p = 0; p < PROTEINS.length; p++) {
            proteins.append('P').append(p).append(',').append(PROTEINS[p]).append('\n');
        }
        Files.writeString(dir.resolve("proteins.csv"), proteins);
        lookups = Map.of("drug", dir.resolve("drugs.json"), "protein", dir.resolve("proteins.csv"));
        StringBuilder csv = new StringBuilder("ligand,target,batch\n");
        for (int d = 0; d < SMILES.length; d++) {
            for (int p = 0; p < PROTEINS.length; p++) {
                csv.append('D').append(d).append(",P").append(p).append(",b").append(d % 2).append('\n');
            }
        }
        pairs = dir.resolve("pairs.csv");
        Files.writeString(pairs, csv);
    }

    private static PredictRequest request(Path out, int chunk, boolean overwrite) throws Exception {
        return new PredictRequest(model, "m", List.of(pairs), out, Bindings.of(model,
                Map.of("drug", "ligand", "protein", "target"), Map.of(), lookups), true, chunk, 2, 1 << 20, overwrite,
                null, true);
    }

    @Test
    void pairsByIdScoreAsTheGraphDoesInEveryOutputKind() throws Exception {
        LocalPrediction.Summary s = LocalPrediction.run(request(dir.resolve("out.csv"), 5, false), QUIET);
        assertEquals(12, s.rows());
        assertEquals(1, s.width());
        LocalPrediction.run(request(dir.resolve("out.npy"), 3, false), QUIET);
        LocalPrediction.run(request(dir.resolve("out.parquet"), 12, false), QUIET);

        int n = SMILES.length * PROTEINS.length;
        float[] d = new float[n * PredictorTest.DRUG];
        float[] q = new float[n * PredictorTest.PROTEIN];
        for (int i = 0; i < n; i++) {
            float[] a = SequenceAlphabet.SMILES.encode(SMILES[i / PROTEINS.length], PredictorTest.DRUG, "");
            float[] b = SequenceAlphabet.PROTEIN.encode(PROTEINS[i % PROTEINS.length], PredictorTest.PROTEIN, "");
            System.arraycopy(a, 0, d, i * a.length, a.length);
            System.arraycopy(b, 0, q, i * b.length, b.length);
        }
        float[] want;
        try (GraphRunner runner = new GraphRunner(model, 1)) {
            want = runner.run(Map.of("drug", new Tensor(new int[] {n, PredictorTest.DRUG}, d), "protein",
                    new Tensor(new int[] {n, PredictorTest.PROTEIN}, q))).get(model.outputs().get(0)).data();
        }
        List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
        assertEquals("ligand,target,batch,prediction", lines.get(0));
        ByteBuffer npy = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("out.npy"))).order(ByteOrder.LITTLE_ENDIAN);
        String header = new String(npy.array(), 10, 118, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (12, 1)") && header.contains("'<f4'"), header);
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals("D" + i / PROTEINS.length, cells[0]);
            assertEquals("P" + i % PROTEINS.length, cells[1]);
            assertEquals(want[i], Float.parseFloat(cells[3]), 0f, "row " + i);
            assertEquals(want[i], npy.getFloat(128 + 4 * i), 0f, "npy row " + i);
        }
        byte[] parquet = Files.readAllBytes(dir.resolve("out.parquet"));
        assertEquals("PAR1", new String(parquet, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("PAR1", new String(parquet, parquet.length - 4, 4, StandardCharsets.US_ASCII));
        int footer = ByteBuffer.wrap(parquet, parquet.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertTrue(footer > 0 && footer < parquet.length - 12, "footer length " + footer);
    }

    @Test
    void refusalsAreOneLineAndLeaveNoOutput() throws Exception {
        Path out = dir.resolve("refused.csv");
        Files.writeString(out, "old");
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
                () -> LocalPrediction.run(request(out, 5, false), QUIET));
        assertTrue(exists.getMessage().contains("exists: give --overwrite"), exists.getMessage());

        PredictRequest missing = new PredictRequest(model, "m", List.of(pairs), dir.resolve("x.csv"),
                Bindings.of(model, Map.of(), Map.of(), Map.of()), true, 5, 1, 0, false, null, true);
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> LocalPrediction.run(missing, QUIET));
        assertTrue(column.getMessage().contains("no column 'drug'") && column.getMessage().contains("ligand, "
                + "target, batch"), column.getMessage());

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "ligand,target\nD0,P0\nD9,P1\n");
        PredictRequest ids = new PredictRequest(model, "m", List.of(unknown), dir.resolve("y.csv"), Bindings.of(model,
                Map.of("drug", "ligand", "protein", "target"), Map.of(), lookups), true, 5, 1, 0, false, null, true);
        Exception id = assertThrows(Exception.class, () -> LocalPrediction.run(ids, QUIET));
        assertTrue(id.getMessage().contains("row 2, column 'ligand': id 'D9' is not in the lookup table"),
                id.getMessage());
        assertFalse(Files.exists(dir.resolve("y.csv")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }

        PredictRequest parquet = new PredictRequest(model, "m", List.of(dir.resolve("in.parquet")),
                dir.resolve("z.csv"), Bindings.of(model, Map.of(), Map.of(), Map.of()), true, 5, 1, 0, false, null,
                true);
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> LocalPrediction.run(parquet, QUIET));
        assertTrue(p.getMessage().contains("Parquet input is read through Spark: add --master local[N]"),
                p.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> request(
                dir.resolve("out.txt"), 5, false));
        assertTrue(kind.getMessage().contains("expected .csv, .npy or .parquet"), kind.getMessage());
    }
}
