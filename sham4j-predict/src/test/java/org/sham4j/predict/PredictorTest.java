package org.sham4j.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.zoo.Zoo;

/**
 * The predictor against the whole graph run on every row: DeepDTA with compressed dense layers, each branch run once
 * per distinct drug and protein, gives the same bits as the graph on the gathered pairs, whatever the chunks.
 */
class PredictorTest {
    static final int DRUG = 24;
    static final int PROTEIN = 60;

    /**
     * DeepDTA for KIBA on short sequences (drugs of {@value #DRUG} labels, proteins of {@value #PROTEIN}: its
     * convolutions and global pooling take any length), its dense layers pruned, shared and stored in a format.
     */
    static Graph compressedDeepDta(String format) {
        Graph zoo = Zoo.build("deepdta-kiba", 5);
        Graph g = new Graph(List.of(new InputSpec("drug", new int[] {DRUG}), new InputSpec("protein",
                new int[] {PROTEIN})), zoo.nodes(), zoo.outputs(), zoo.preprocessing());
        List<String> dense = LayerSelection.byName("dense").select(g);
        Pruning p = Pruning.prune(g, dense, 85, false);
        Graph shared = SharedLayers.quantize(p.graph(), dense, QuantizerSpec.parse("uq:32"), false).apply(p.graph());
        return Encoding.encode(shared, dense, org.sham4j.core.format.Formats.byName(format));
    }

    @Test
    void branchesOncePerDistinctValueGiveTheWholeGraphsBitsInAnyChunks() {
        Random r = new Random(7);
        int drugs = 5;
        int proteins = 4;
        float[] d = new float[drugs * DRUG];
        float[] q = new float[proteins * PROTEIN];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % DRUG < DRUG - 5 ? 1 + r.nextInt(64) : 0;
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = i % PROTEIN < PROTEIN - 9 ? 1 + r.nextInt(25) : 0;
        }
        int n = 20;
        int[] dr = new int[n];
        int[] pr = new int[n];
        for (int i = 0; i < n; i++) {
            dr[i] = r.nextInt(drugs);
            pr[i] = r.nextInt(proteins);
        }
        for (String format : new String[] {"gsham", "csr"}) {
            Graph g = compressedDeepDta(format);
            float[] want;
            try (GraphRunner runner = new GraphRunner(g, 1)) {
                want = runner.run(Map.of("drug", gather(d, DRUG, dr, 0, n), "protein", gather(q, PROTEIN, pr, 0, n)))
                        .get(g.outputs().get(0)).data();
            }
            try (Predictor p = new Predictor(g, true, 1 << 20)) {
                assertTrue(p.reusesBranches());
                assertEquals(1, p.width());
                for (int chunk : new int[] {n, 7, 1}) {
                    float[] got = new float[n];
                    for (int from = 0; from < n; from += chunk) {
                        int to = Math.min(n, from + chunk);
                        Tensor out = p.predict(List.of(column(d, DRUG, dr, from, to), column(q, PROTEIN, pr, from, to)),
                                to - from);
                        System.arraycopy(out.data(), 0, got, from, to - from);
                    }
                    assertArrayEquals(want, got, 0f, format + " in chunks of " + chunk);
                }
                assertTrue(p.cachedValues() <= drugs + proteins + 2, "one branch result per distinct value");
            }
        }
    }

    /** Rows from..to of the pairs as a column: the distinct values they take and, per row, which. */
    private static Predictor.Column column(float[] table, int width, int[] rows, int from, int to) {
        List<Integer> distinct = new ArrayList<>();
        int[] at = new int[to - from];
        for (int i = from; i < to; i++) {
            int k = distinct.indexOf(rows[i]);
            if (k < 0) {
                distinct.add(rows[i]);
                k = distinct.size() - 1;
            }
            at[i - from] = k;
        }
        int[] picks = distinct.stream().mapToInt(Integer::intValue).toArray();
        return new Predictor.Column(gather(table, width, picks, 0, picks.length), at);
    }

    private static Tensor gather(float[] table, int width, int[] rows, int from, int to) {
        float[] x = new float[(to - from) * width];
        for (int i = from; i < to; i++) {
            System.arraycopy(table, rows[i] * width, x, (i - from) * width, width);
        }
        return new Tensor(new int[] {to - from, width}, Arrays.copyOf(x, x.length));
    }
}
