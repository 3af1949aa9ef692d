package org.sham4j.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.InputSpec;

/**
 * Scores a chunk of table rows: each model input's cells are decoded once per distinct value ({@link Bindings}),
 * then the {@link Predictor} runs on the distinct values and, per row, the one it takes. The same chunk gives the
 * same outputs wherever it runs.
 */
public final class ChunkScorer {
    private final Predictor predictor;
    private final Bindings bindings;
    private final List<int[]> sampleShapes;

    /** A scorer of table rows whose cells hold samples of the model inputs' own shapes. */
    public ChunkScorer(Predictor predictor, Bindings bindings) {
        this(predictor, bindings, predictor.graph().inputs().stream().map(InputSpec::shape).toList());
    }

    /** A scorer whose raw samples have these shapes (e.g. channels last), preprocessed into the model's. */
    public ChunkScorer(Predictor predictor, Bindings bindings, List<int[]> sampleShapes) {
        if (bindings.columns().size() != predictor.graph().inputs().size()) {
            throw new IllegalArgumentException(bindings.columns().size() + " bound columns for the model's "
                    + predictor.graph().inputs().size() + " inputs");
        }
        this.predictor = predictor;
        this.bindings = bindings;
        this.sampleShapes = List.copyOf(sampleShapes);
    }

    public Predictor predictor() {
        return predictor;
    }

    /**
     * The outputs (n, width) of {@code n} rows: {@code cells[k][i]} is the cell of model input k's column in row
     * i (text, a number, or an array of numbers); {@code firstRow} numbers the rows in messages, {@code source}
     * names the input.
     */
    public Tensor score(Object[][] cells, int n, long firstRow, String source) throws InvalidInputException {
        List<Predictor.Column> columns = new ArrayList<>();
        for (int k = 0; k < cells.length; k++) {
            InputDecoder decoder = bindings.decoders().get(k);
            int[] sample = sampleShapes.get(k);
            Map<Object, Integer> index = new HashMap<>();
            List<float[]> distinct = new ArrayList<>();
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                Object cell = cells[k][i];
                Object key = cell instanceof float[] f ? new FloatsKey(f) : cell instanceof double[] d
                        ? new FloatsKey(toFloats(d)) : cell;
                Integer at = key == null ? null : index.get(key);
                if (at == null) {
                    String what = source + ": row " + (firstRow + i) + ", column '" + bindings.columns().get(k) + "'";
                    distinct.add(decoder.decode(cell, what));
                    at = distinct.size() - 1;
                    if (key != null) {
                        index.put(key, at);
                    }
                }
                rows[i] = at;
            }
            int per = decoder.size();
            float[] data = new float[distinct.size() * per];
            for (int v = 0; v < distinct.size(); v++) {
                System.arraycopy(distinct.get(v), 0, data, v * per, per);
            }
            int[] shape = new int[sample.length + 1];
            shape[0] = distinct.size();
            System.arraycopy(sample, 0, shape, 1, sample.length);
            columns.add(new Predictor.Column(new Tensor(shape, data), rows));
        }
        return predictor.predict(columns, n);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** An array of numbers compared by content. */
    private record FloatsKey(float[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FloatsKey k && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
