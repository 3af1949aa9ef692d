package org.sham4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

class KerasImporterTest {
    @TempDir
    Path tmp;

    private static String kinds(Graph g) {
        return g.nodes().stream().map(n -> n.layer().kind()).collect(Collectors.joining(" "));
    }

    private static Node node(Graph g, String name) {
        return g.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name + " in " + kinds(g)));
    }

    /** A dataset of the fixture, flat, read with jHDF directly. */
    private static float[] dataset(String file, String path) {
        try (HdfFile h = new HdfFile(Fixtures.file(file))) {
            return (float[]) h.getDatasetByPath(path).getDataFlat();
        }
    }

    @Test
    void sequentialCnnImportsChannelsFirstWithKerasWeights() throws IOException {
        Graph g = KerasImporter.read(Fixtures.file("sequential_cnn.h5"));
        assertEquals(1, g.inputs().size());
        assertEquals("conv2d_input", g.inputs().get(0).name());
        assertArrayEquals(new int[] {3, 10, 10}, g.inputs().get(0).shape());
        assertEquals(Preprocessing.Layout.NHWC, g.preprocessing().layout());
        assertEquals("Conv2D Relu BatchNorm MaxPool2D Conv2D Tanh Conv2D Dropout Transpose Flatten Dense Relu Dense "
                + "Softmax", kinds(g));
        assertEquals(List.of("dense_1/softmax"), g.outputs());

        Conv c1 = (Conv) node(g, "conv2d").layer();
        assertEquals(3, c1.inChannels());
        assertEquals(4, c1.outChannels());
        assertArrayEquals(new int[] {1, 1}, c1.padsBegin());
        assertArrayEquals(new int[] {1, 1}, c1.padsEnd());
        float[] keras = dataset("sequential_cnn.h5", "model_weights/conv2d/conv2d/kernel:0"); // (3, 3, 3, 4)
        DenseMatrix w = c1.weights().toDense();
        assertEquals(27, w.rows());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int c = 0; c < 3; c++) {
                    for (int o = 0; o < 4; o++) {
                        assertEquals(keras[((i * 3 + j) * 3 + c) * 4 + o], w.get(c * 9 + i * 3 + j, o));
                    }
                }
            }
        }
        assertArrayEquals(dataset("sequential_cnn.h5", "model_weights/conv2d/conv2d/bias:0"), c1.bias());

        Conv c2 = (Conv) node(g, "conv2d_1").layer();
        assertArrayEquals(new int[] {2, 2}, c2.strides());
        assertArrayEquals(new int[] {1, 1}, c2.padsBegin()); // same, stride 2 on 5x5: 2 pixels of padding
        assertArrayEquals(new int[] {1, 1}, c2.padsEnd());
        Conv c3 = (Conv) node(g, "conv2d_2").layer();
        assertArrayEquals(new int[] {0, 0}, c3.padsBegin());

        BatchNorm bn = (BatchNorm) node(g, "batch_normalization").layer();
        assertArrayEquals(dataset("sequential_cnn.h5",
                "model_weights/batch_normalization/batch_normalization/moving_variance:0"), bn.variance());
        assertEquals(0.001f, bn.epsilon());
        Pool pool = (Pool) node(g, "max_pooling2d").layer();
        assertEquals(PoolKind.MAX, pool.poolKind());
        assertArrayEquals(new int[] {2, 2}, pool.kernel());
        assertEquals(0.5f, ((Dropout) node(g, "dropout").layer()).rate());

        // Keras flattens channels last: the Transpose before Flatten lets the Dense weights apply unchanged
        Node toLast = g.nodes().get(8);
        assertArrayEquals(new int[] {0, 2, 3, 1}, ((Transpose) toLast.layer()).perm());
        assertEquals(List.of("dropout"), toLast.inputs());
        assertEquals(1, ((Flatten) node(g, "flatten").layer()).axis());
        Dense d = (Dense) node(g, "dense").layer();
        assertEquals(20, d.weights().rows());
        assertArrayEquals(dataset("sequential_cnn.h5", "model_weights/dense/dense/kernel:0"),
                d.weights().toDense().data());
        assertEquals(Activation.Function.RELU, ((Activation) node(g, "dense/relu").layer()).function());
        assertEquals(1, ((Softmax) node(g, "dense_1/softmax").layer()).axis());
    }

    @Test
    void deepDtaImportsTwoBranches() throws IOException {
        Graph g = KerasImporter.read(Fixtures.file("deepdta.h5"));
        assertEquals("[input_1[12], input_2[10]]", g.inputs().toString());
        assertEquals(Preprocessing.Layout.FLAT, g.preprocessing().layout());
        assertEquals(List.of("dense_3"), g.outputs());
        Embedding e = (Embedding) node(g, "embedding").layer();
        assertEquals(20, e.table().rows());
        assertEquals(5, e.table().cols());
        assertArrayEquals(dataset("deepdta.h5", "model_weights/embedding/embedding/embeddings:0"), e.table().data());
        Node t = node(g, "embedding/channels_first");
        assertArrayEquals(new int[] {0, 2, 1}, ((Transpose) t.layer()).perm());
        Conv c = (Conv) node(g, "conv1d_1").layer();
        assertEquals(1, c.dims());
        assertArrayEquals(new int[] {1}, c.padsBegin());
        assertEquals(4, c.inChannels());
        assertEquals(6, c.outChannels());
        Node concat = node(g, "concatenate");
        assertEquals(List.of("global_max_pooling1d", "global_max_pooling1d_1"), concat.inputs());
        assertEquals(1, ((Concat) concat.layer()).axis());
        assertEquals(16, ((Dense) node(g, "dense").layer()).weights().rows());
        assertEquals(PoolKind.MAX, ((GlobalPool) node(g, "global_max_pooling1d").layer()).poolKind());
        assertEquals(2, g.nodes().stream().filter(n -> n.layer() instanceof Dropout).count());
    }

    @Test
    void residualMapsTheChannelAxisOfConcatenate() throws IOException {
        Graph g = KerasImporter.read(Fixtures.file("residual.h5"));
        assertArrayEquals(new int[] {4, 7, 7}, g.inputs().get(0).shape());
        Node add = node(g, "add");
        assertEquals(List.of("conv2d_1/sigmoid", "input_1"), add.inputs());
        assertEquals(1, ((Concat) node(g, "concatenate").layer()).axis());
        Conv dilated = (Conv) node(g, "conv2d").layer();
        assertArrayEquals(new int[] {2, 2}, dilated.dilations());
        assertArrayEquals(new int[] {2, 2}, dilated.padsBegin());
        Conv grouped = (Conv) node(g, "conv2d_1").layer();
        assertEquals(2, grouped.groups());
        assertEquals(2 * 9, grouped.weights().rows());
        Pool avg = (Pool) node(g, "average_pooling2d").layer();
        assertEquals(PoolKind.AVERAGE, avg.poolKind());
        assertArrayEquals(new int[] {0, 0}, avg.padsBegin()); // same on 7: the odd pixel goes to the end
        assertArrayEquals(new int[] {1, 1}, avg.padsEnd());
        assertTrue(!avg.countIncludePad());
        assertEquals(1, ((Softmax) node(g, "activation/softmax").layer()).axis());
        assertEquals(0, g.nodes().stream().filter(n -> n.layer() instanceof Transpose).count());
    }

    @Test
    void sequentialWithoutInputLayerTakesTheFirstLayersShape() throws IOException {
        Graph g = KerasImporter.read(Fixtures.file("reshape_1d.h5"));
        assertEquals("[reshape_input[12]]", g.inputs().toString());
        assertEquals(Preprocessing.Layout.FLAT, g.preprocessing().layout());
        assertArrayEquals(new int[] {-1, 6, 2}, ((Reshape) node(g, "reshape").layer()).shape());
        assertEquals("Reshape Transpose Conv1D Relu MaxPool1D AvgPool1D Transpose Flatten Dense Sigmoid", kinds(g));
        Pool p = (Pool) node(g, "max_pooling1d").layer();
        assertArrayEquals(new int[] {1}, p.strides());
    }

    @Test
    void shamVgg19ArchitectureImports() throws IOException {
        Graph g = KerasImporter.read(Fixtures.file("vgg19_small.h5"));
        assertArrayEquals(new int[] {3, 32, 32}, g.inputs().get(0).shape());
        Map<String, Long> counts = g.nodes().stream()
                .collect(Collectors.groupingBy(n -> n.layer().kind(), Collectors.counting()));
        assertEquals(16L, counts.get("Conv2D"));
        assertEquals(19L, counts.get("BatchNorm"));
        assertEquals(5L, counts.get("MaxPool2D"));
        assertEquals(3L, counts.get("Dense"));
        assertEquals(2L, counts.get("Dropout"));
        assertEquals(1L, counts.get("Transpose"));
        assertEquals(1L, counts.get("Softmax"));
        Node bnAfterDense = g.nodes().get(g.nodes().indexOf(node(g, "fc2")) + 1);
        assertEquals(List.of("fc2"), bnAfterDense.inputs());
        assertEquals(16, ((BatchNorm) bnAfterDense.layer()).scale().length);
    }

    private static void assertOneLine(String message, String... parts) {
        assertTrue(!message.contains("\n"), message);
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' not in: " + message);
        }
    }

    @Test
    void unsupportedLayerNamesLayerAndClass() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KerasImporter.read(Fixtures.file("unsupported_layer.h5")));
        assertOneLine(e.getMessage(), "unsupported_layer.h5", "layer 'lstm' (LSTM)", "unsupported layer class");
    }

    @Test
    void unsupportedOptionNamesLayerClassAndOption() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KerasImporter.read(Fixtures.file("unsupported_option.h5")));
        assertOneLine(e.getMessage(), "unsupported_option.h5", "layer 'conv1d' (Conv1D)", "padding 'causal'");
    }

    @Test
    void truncatedFilesGiveOneLineErrors() throws IOException {
        Random rnd = new Random(5);
        for (String name : List.of("sequential_cnn.h5", "deepdta.h5")) {
            byte[] full = Files.readAllBytes(Fixtures.file(name));
            for (int trial = 0; trial < 12; trial++) {
                int len = trial == 0 ? 0 : trial == 1 ? 100 : rnd.nextInt(full.length);
                Path cut = tmp.resolve("cut" + trial + "_" + name);
                Files.write(cut, Arrays.copyOf(full, len));
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> KerasImporter.read(cut),
                        "truncated to " + len + " of " + full.length);
                assertOneLine(e.getMessage(), cut.toString());
            }
        }
    }

    @Test
    void corruptBytesGiveOneLineErrorsOrAGraph() throws IOException {
        Random rnd = new Random(11);
        byte[] full = Files.readAllBytes(Fixtures.file("residual.h5"));
        for (int trial = 0; trial < 20; trial++) {
            byte[] bad = full.clone();
            for (int k = 0; k < 8; k++) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            Path p = tmp.resolve("bad" + trial + ".h5");
            Files.write(p, bad);
            try {
                assertInstanceOf(Graph.class, KerasImporter.read(p)); // flips in unused bytes or weight values
            } catch (InvalidInputException e) {
                assertOneLine(e.getMessage(), p.toString());
            }
        }
    }

    @Test
    void notAnHdf5File() throws IOException {
        Path p = tmp.resolve("model.h5");
        Files.writeString(p, "not an HDF5 file at all, just some text that is long enough to look for a superblock");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KerasImporter.read(p));
        assertOneLine(e.getMessage(), p.toString(), "HDF5");
    }
}
