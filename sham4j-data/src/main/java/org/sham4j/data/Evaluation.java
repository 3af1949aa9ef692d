package org.sham4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.WeightSizes;
import org.sham4j.model.runtime.Preprocessor;

/**
 * How a model does on samples: accuracy for classification, or mean squared error and concordance index for
 * regression (the other fields NaN), with the inference time per sample and the bytes of the model's weight
 * matrices as stored ({@link WeightSizes#storedBytes()}).
 */
public record Evaluation(int samples, double accuracy, double mse, double concordanceIndex, double nanosPerSample,
                         long weightBytes) {

    /**
     * Runs {@code model} (model inputs in the graph's input order -> first output, (B, width)) on the samples in
     * batches, each raw batch first preprocessed as the graph says. The time counts the model alone.
     */
    public static Evaluation of(Graph graph, Samples samples, boolean classification, int batchSize,
            Function<List<Tensor>, Tensor> model) {
        checkInputs(graph, samples);
        int n = samples.size();
        float[] outputs = null;
        int width = 0;
        long nanos = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            List<Tensor> inputs = preprocess(graph, samples.batch(from, to));
            long start = System.nanoTime();
            Tensor out = model.apply(inputs);
            nanos += System.nanoTime() - start;
            int w = out.rank() < 1 || out.dim(0) != to - from ? -1 : out.data().length / (to - from);
            if (outputs == null) {
                width = w;
                checkOutput(out, classification, width);
                outputs = new float[n * width];
            }
            if (w != width) {
                throw new IllegalArgumentException("model output " + out + " for a batch of " + (to - from));
            }
            System.arraycopy(out.data(), 0, outputs, from * width, out.data().length);
        }
        float[] targets = samples.targets();
        double perSample = n == 0 ? Double.NaN : (double) nanos / n;
        if (classification) {
            return new Evaluation(n, Scores.accuracy(outputs, width, targets), Double.NaN, Double.NaN, perSample,
                    WeightSizes.of(graph).storedBytes());
        }
        return new Evaluation(n, Double.NaN, Scores.mse(outputs, targets), Scores.concordanceIndex(outputs, targets),
                perSample, WeightSizes.of(graph).storedBytes());
    }

    /** The model inputs of a raw batch: each input preprocessed for the graph input of the same position. */
    public static List<Tensor> preprocess(Graph graph, Batch batch) {
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < graph.inputs().size(); k++) {
            out.add(Preprocessor.apply(graph.preprocessing(), batch.inputs().get(k), graph.inputs().get(k)));
        }
        return out;
    }

    /** Refuses samples whose inputs do not match the graph's in number, naming both. */
    public static void checkInputs(Graph graph, Samples samples) {
        if (samples.inputCount() != graph.inputs().size()) {
            StringBuilder shapes = new StringBuilder();
            for (int k = 0; k < samples.inputCount(); k++) {
                shapes.append(k == 0 ? "" : ", ").append(Arrays.toString(samples.sampleShape(k)));
            }
            throw new IllegalArgumentException("the data has " + samples.inputCount() + " input(s) " + shapes
                    + ", the model " + graph.inputs().size() + " " + graph.inputs());
        }
    }

    private static void checkOutput(Tensor out, boolean classification, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("model output " + out + " has no value per sample");
        }
        if (!classification && width != 1) {
            throw new IllegalArgumentException("regression data needs one output per sample, the model gives "
                    + width);
        }
    }
}
