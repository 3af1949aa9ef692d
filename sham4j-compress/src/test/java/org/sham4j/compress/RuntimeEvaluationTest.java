package org.sham4j.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.Evaluation;
import org.sham4j.data.Samples;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.zoo.Zoo;

/** Scoring drug-target pairs with each drug's and protein's branch run once gives the per-pair score. */
class RuntimeEvaluationTest {
    @Test
    void pairsSharingRowsScoreTheSameWithTheirBranchesRunOnce() {
        Random r = new Random(8);
        Graph g = Zoo.build("deepdta", 3);
        Tensor drugs = tokens(r, 3, 100, 65);
        Tensor proteins = tokens(r, 4, 1000, 26);
        int n = 24;
        int[] d = new int[n];
        int[] p = new int[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextInt(3);
            p[i] = r.nextInt(4);
            y[i] = 5 + r.nextFloat() * 4;
        }
        Samples pairs = Samples.indexed(List.of(drugs, proteins), List.of(d, p), y);
        Evaluation each = RuntimeEvaluation.of(g, pairs, false, 8, 1);
        Evaluation once = RuntimeEvaluation.score(g, pairs, false, 8, 1);
        assertEquals(each.mse(), once.mse(), 1e-9 * each.mse());
        assertEquals(each.concordanceIndex(), once.concordanceIndex(), 1e-12);
        assertEquals(each.weightBytes(), once.weightBytes());
        assertEquals(n, once.samples());
    }

    private static Tensor tokens(Random r, int rows, int length, int vocabulary) {
        float[] t = new float[rows * length];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(vocabulary);
        }
        return new Tensor(new int[] {rows, length}, t);
    }
}
