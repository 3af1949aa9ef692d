package org.sham4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.onnx.OnnxExporter;
import org.sham4j.onnx.OnnxImporter;

/**
 * The fuzz tests' {@link Models} hold every layer kind and the fields the fuzzers should reach, and each model is
 * valid: it runs, writes back to the same bytes, fits the 1 KB of {@link SmallFiles} as a seed, and exports to ONNX
 * and back to the same outputs. {@link Features} implements {@link LayerVisitor}, so a new layer kind does not
 * compile here until it says what of the new kind a model must hold.
 */
class ModelsTest {
    /** What of each layer kind the models must hold besides the kind itself. */
    private static final Set<String> REQUIRED = Set.of("Pool MAX", "Pool AVERAGE", "Pool dilated", "Pool ceil",
            "GlobalPool keepDims", "GlobalPool flat", "Conv grouped", "Activation alpha", "Activation alpha beta",
            "Softmax", "LogSoftmax", "Binary two inputs", "Binary constant", "Binary constant first", "Reduce MEAN",
            "Reduce SUM", "Reduce MAX", "Reduce MIN", "Reduce keepDims", "Pad CONSTANT", "Pad REFLECT", "Pad EDGE",
            "Slice step", "ConvTranspose grouped", "ConvTranspose output padding", "Recurrent LSTM", "Recurrent GRU",
            "Recurrent GRU linear before reset", "Recurrent reverse");

    @Test
    void theModelsHoldEveryLayerKindAndTheRequiredFields() {
        Set<String> kinds = new TreeSet<>();
        Set<String> features = new TreeSet<>();
        for (int which = 0; which < Models.COUNT; which++) {
            for (Node n : Models.model(which, "dense", which).nodes()) {
                kinds.add(n.layer().getClass().getSimpleName());
                features.addAll(n.layer().accept(new Features()));
            }
        }
        Set<String> all = Arrays.stream(Layer.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(21, all.size(), "the sealed Layer's kinds");
        assertEquals(all, kinds, "layer kinds in the models");
        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(features);
        assertEquals(Set.of(), missing, "fields the models do not hold");
    }

    @Test
    void everyWeightMatrixIsInTheChosenFormat() {
        for (MatrixFormat f : Formats.all()) {
            for (int which = 0; which < Models.COUNT; which++) {
                for (Node n : Models.model(which, f.name(), which).nodes()) {
                    if (n.layer() instanceof WeightedLayer w) {
                        assertEquals(f.name(), w.weights().format().name(), "model " + which + " node " + n.name());
                    }
                }
            }
        }
    }

    @Test
    void everyModelRunsAndWritesBackToTheSameBytesInEveryFormat() throws IOException {
        StringBuilder sizes = new StringBuilder("seed sizes:");
        int largest = 0;
        for (MatrixFormat f : Formats.all()) {
            for (int which = 0; which < Models.COUNT; which++) {
                Graph g = Models.model(which, f.name(), which);
                String what = "model " + which + " in " + f.name();
                byte[] file = ModelFile.toBytes(g);
                Graph back = ModelFile.fromBytes(file);
                assertArrayEquals(file, ModelFile.toBytes(back), what + " written back");
                Map<String, Tensor> feed = feed(g, which);
                Map<String, Tensor> once = run(g, feed, 1);
                Map<String, Tensor> again = run(back, feed, 2);
                assertEquals(g.outputs().size(), once.size(), what);
                for (String out : g.outputs()) {
                    float[] y = once.get(out).data();
                    assertTrue(y.length > 0 && finite(y), what + " output " + out);
                    assertArrayEquals(once.get(out).shape(), again.get(out).shape(), what);
                    assertArrayEquals(y, again.get(out).data(), 1e-5f, what + " read back, on two threads");
                }
                if (Seeds.SHAM_FORMATS.contains(f.name())) {
                    sizes.append(' ').append(which).append('-').append(f.name()).append(':').append(file.length);
                    largest = Math.max(largest, file.length);
                }
            }
        }
        assertTrue(largest <= 1024, sizes + ": over the 1 KB of SmallFiles");
    }

    @Test
    void everyModelExportsToOnnxAndReadsBackToTheSameOutputs() throws IOException {
        for (int which = 0; which < Models.COUNT; which++) {
            Graph g = Models.model(which, "dense", which);
            Graph back = OnnxImporter.read(OnnxExporter.toModel(g).toByteArray(), "model-" + which + ".onnx");
            Map<String, Tensor> feed = feed(g, which);
            Map<String, Tensor> want = run(g, feed, 1);
            Map<String, Tensor> got = run(back, feed, 1);
            for (String out : g.outputs()) {
                float[] w = want.get(out).data();
                float[] y = got.get(out).data();
                assertArrayEquals(want.get(out).shape(), got.get(out).shape(), "model " + which + " " + out);
                for (int k = 0; k < w.length; k++) {
                    assertEquals(w[k], y[k], 1e-4 * Math.max(1, Math.abs(w[k])), "model " + which + " " + out
                            + "[" + k + "]");
                }
            }
        }
    }

    private static boolean finite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Inputs for a batch of 2: small integers where an Embedding reads them, else Gaussian values. */
    private static Map<String, Tensor> feed(Graph g, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> feed = new HashMap<>();
        for (InputSpec in : g.inputs()) {
            boolean ids = g.nodes().stream().anyMatch(n -> n.layer() instanceof Embedding
                    && n.inputs().contains(in.name()));
            int[] shape = new int[in.shape().length + 1];
            shape[0] = 2;
            System.arraycopy(in.shape(), 0, shape, 1, in.shape().length);
            float[] data = new float[(int) Tensor.size(shape)];
            for (int k = 0; k < data.length; k++) {
                data[k] = ids ? rnd.nextInt(5) : (float) rnd.nextGaussian();
            }
            feed.put(in.name(), new Tensor(shape, data));
        }
        return feed;
    }

    private static Map<String, Tensor> run(Graph g, Map<String, Tensor> feed, int threads) {
        try (GraphRunner r = new GraphRunner(g, threads)) {
            return r.run(feed);
        }
    }

    /** What the models must cover of one layer beyond its kind (nothing more for some kinds). */
    private static final class Features implements LayerVisitor<List<String>> {
        @Override
        public List<String> dense(Dense layer) {
            return List.of();
        }

        @Override
        public List<String> conv(Conv layer) {
            return layer.groups() > 1 ? List.of("Conv grouped") : List.of();
        }

        @Override
        public List<String> pool(Pool layer) {
            return Stream.of("Pool " + layer.poolKind(), Arrays.stream(layer.dilations()).anyMatch(d -> d > 1)
                    ? "Pool dilated" : "", layer.ceilMode() ? "Pool ceil" : "").filter(s -> !s.isEmpty()).toList();
        }

        @Override
        public List<String> globalPool(GlobalPool layer) {
            return List.of(layer.keepDims() ? "GlobalPool keepDims" : "GlobalPool flat");
        }

        @Override
        public List<String> flatten(Flatten layer) {
            return List.of();
        }

        @Override
        public List<String> reshape(Reshape layer) {
            return List.of();
        }

        @Override
        public List<String> transpose(Transpose layer) {
            return List.of();
        }

        @Override
        public List<String> embedding(Embedding layer) {
            return List.of();
        }

        @Override
        public List<String> concat(Concat layer) {
            return List.of();
        }

        @Override
        public List<String> add(Add layer) {
            return List.of();
        }

        @Override
        public List<String> batchNorm(BatchNorm layer) {
            return List.of();
        }

        @Override
        public List<String> dropout(Dropout layer) {
            return List.of();
        }

        @Override
        public List<String> activation(Activation layer) {
            if (layer.alpha() != 0 && layer.beta() != 0) {
                return List.of("Activation alpha beta");
            }
            return layer.alpha() != 0 ? List.of("Activation alpha") : List.of();
        }

        @Override
        public List<String> softmax(Softmax layer) {
            return List.of(layer.kind());
        }

        @Override
        public List<String> binary(Binary layer) {
            if (layer.constant() == null) {
                return List.of("Binary two inputs");
            }
            return List.of(layer.constantFirst() ? "Binary constant first" : "Binary constant");
        }

        @Override
        public List<String> reduce(Reduce layer) {
            return layer.keepDims() ? List.of("Reduce " + layer.op(), "Reduce keepDims")
                    : List.of("Reduce " + layer.op());
        }

        @Override
        public List<String> layerNorm(LayerNorm layer) {
            return List.of();
        }

        @Override
        public List<String> pad(Pad layer) {
            return List.of("Pad " + layer.mode());
        }

        @Override
        public List<String> slice(Slice layer) {
            return Arrays.stream(layer.steps()).anyMatch(s -> s > 1) ? List.of("Slice step") : List.of();
        }

        @Override
        public List<String> convTranspose(ConvTranspose layer) {
            return Stream.of(layer.groups() > 1 ? "ConvTranspose grouped" : "",
                    Arrays.stream(layer.outputPadding()).anyMatch(p -> p > 0) ? "ConvTranspose output padding" : "")
                    .filter(s -> !s.isEmpty()).toList();
        }

        @Override
        public List<String> recurrent(Recurrent layer) {
            return Stream.of("Recurrent " + layer.cell(), layer.linearBeforeReset()
                    ? "Recurrent GRU linear before reset" : "", layer.reverse() ? "Recurrent reverse" : "")
                    .filter(s -> !s.isEmpty()).toList();
        }
    }
}
