package org.sham4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.memory.MemoryBudgetException;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.Fixtures;
import org.sham4j.model.runtime.GraphRunner;

class ModelFileTest {
    /** A well-shaped graph holding every layer type, weights in several formats. */
    private static Graph everyLayer() {
        Random rnd = new Random(31);
        List<Node> nodes = List.of(
                node(0, new Conv(Fixtures.stored(Fixtures.quantized(rnd, 12, 4, 5), "gsham"), null, 4, 4,
                        new int[] {3, 2}, new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 0}, new int[] {2, 1}, 2), "x"),
                node(1, new Pool(PoolKind.AVERAGE, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 0},
                        new int[] {0, 1}, true, true), "t0"),
                node(2, new BatchNorm(Fixtures.gaussian(rnd, 4), Fixtures.gaussian(rnd, 4), Fixtures.gaussian(rnd, 4),
                        new float[] {1, 2, 3, 4}, 1e-3f), "t1"),
                node(3, new Activation(Activation.Function.SIGMOID), "t2"),
                node(4, new GlobalPool(PoolKind.AVERAGE, true), "t3"),
                node(5, new Flatten(1), "t4"),
                node(6, new Dense(Fixtures.stored(Fixtures.quantized(rnd, 4, 3, 5), "sham"), Fixtures.gaussian(rnd, 3)),
                        "t5"),
                node(7, new Embedding(new DenseMatrix(5, 2, Fixtures.gaussian(rnd, 10))), "ids"),
                node(8, new Transpose(new int[] {0, 2, 1}), "t7"),
                node(9, new Conv(Fixtures.dense(rnd, 6, 2), Fixtures.gaussian(rnd, 2), 2, 2, new int[] {3},
                        new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1}, 1), "t8"),
                node(10, new Pool(PoolKind.MAX, new int[] {2}, new int[] {2}, new int[] {0}, new int[] {0}, false,
                        false), "t9"),
                node(11, new GlobalPool(PoolKind.MAX, false), "t10"),
                node(12, new Concat(-1), "t6", "t11"),
                node(13, new Reshape(new int[] {0, -1, 1}), "t12"),
                node(14, new Flatten(-2), "t13"),
                node(15, new Dense(Fixtures.stored(Fixtures.quantized(rnd, 5, 3, 5), "csc"), null), "t14"),
                node(16, new Add(), "t15", "t6"),
                node(17, new Dropout(0.25f), "t16"),
                node(18, new Activation(Activation.Function.TANH), "t17"),
                node(19, new Softmax(1), "t18"));
        return new Graph(List.of(new InputSpec("x", new int[] {4, 8, 6}), new InputSpec("ids", new int[] {7})),
                nodes, List.of("t19", "t3"), new Preprocessing(1f / 255, new float[] {0.4f, 0.5f, 0.6f, 0.7f},
                new float[] {0.2f, 0.25f, 0.3f, 0.35f}, Preprocessing.Layout.NHWC));
    }

    private static Node node(int k, Layer layer, String... inputs) {
        return new Node("node-" + k + "-é", layer, List.of(inputs), "t" + k);
    }

    @Test
    void roundTripKeepsEveryLayerFieldAndWeightFormat(@TempDir Path dir) throws IOException {
        Graph g = everyLayer();
        Path file = dir.resolve("m.sham");
        ModelFile.save(file, g);
        Graph back = ModelFile.load(file);
        assertArrayEquals(Files.readAllBytes(file), ModelFile.toBytes(back), "re-encoding differs");
        assertEquals(g.outputs(), back.outputs());
        assertEquals(g.preprocessing().layout(), back.preprocessing().layout());
        assertArrayEquals(g.preprocessing().mean(), back.preprocessing().mean());
        assertEquals(g.inputs().toString(), back.inputs().toString());
        Set<Class<?>> kinds = new HashSet<>();
        for (int k = 0; k < g.nodes().size(); k++) {
            Node a = g.nodes().get(k);
            Node b = back.nodes().get(k);
            assertEquals(a.name(), b.name());
            assertEquals(a.inputs(), b.inputs());
            assertEquals(a.output(), b.output());
            assertEquals(a.layer().getClass(), b.layer().getClass());
            kinds.add(b.layer().getClass());
            if (a.layer() instanceof WeightedLayer wa) {
                WeightedLayer wb = (WeightedLayer) b.layer();
                assertEquals(wa.weights().format(), wb.weights().format());
                assertTrue(wa.weights().toDense().bitEquals(wb.weights().toDense()));
            }
        }
        assertEquals(Layer.class.getPermittedSubclasses().length, kinds.size(), "every layer type is covered");
        Conv conv = (Conv) back.nodes().get(0).layer();
        assertArrayEquals(new int[] {1, 0}, conv.padsEnd());
        assertEquals(2, conv.groups());
        Pool pool = (Pool) back.nodes().get(1).layer();
        assertTrue(pool.countIncludePad() && pool.ceilMode());
        assertEquals(1e-3f, ((BatchNorm) back.nodes().get(2).layer()).epsilon());
        assertEquals(0.25f, ((Dropout) back.nodes().get(17).layer()).rate());
    }

    @Test
    void aLoadedModelComputesTheSameBits(@TempDir Path dir) throws IOException {
        Graph g = Fixtures.inFormat(Fixtures.smallCnn(32), "sham");
        Path file = dir.resolve("cnn.sham");
        ModelFile.save(file, g);
        Tensor x = Fixtures.tensor(new Random(33), 4, 1, 8, 8);
        try (GraphRunner a = new GraphRunner(g, 1); GraphRunner b = new GraphRunner(ModelFile.load(file), 2)) {
            assertArrayEquals(a.run(x).data(), b.run(x).data());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] bytes = ModelFile.toBytes(Fixtures.inFormat(Fixtures.smallCnn(34), "gsham"));
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(cut),
                    "length " + len);
            assertFalse(e.getMessage().contains("\n"));
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(padded));
    }

    @Test
    void randomByteFlipsAreRejected() {
        byte[] bytes = ModelFile.toBytes(Fixtures.inFormat(Fixtures.smallCnn(35), "sham"));
        Random rnd = new Random(36);
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = bytes.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            if (!Arrays.equals(bad, bytes)) {
                assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(bad), "trial " + trial);
            }
        }
    }

    /** The given body in a valid container. */
    private static byte[] forged(ModelOutput body) {
        return ModelFile.sign(body);
    }

    private static ModelOutput header() {
        ModelOutput o = new ModelOutput();
        o.f32(1f);
        o.floats(new float[] {0f});
        o.floats(new float[] {1f});
        o.u8(0);
        return o;
    }

    @Test
    void forgedCountsWithAValidChecksumAreRejected() {
        ModelOutput hugeMean = new ModelOutput();
        hugeMean.f32(1f);
        hugeMean.count(Integer.MAX_VALUE - 16);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelFile.fromBytes(forged(hugeMean)));
        assertTrue(e.getMessage().contains("mean count"), e.getMessage());

        ModelOutput hugeNodes = header();
        hugeNodes.count(0);
        hugeNodes.count(1L << 40);
        e = assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(forged(hugeNodes)));
        assertTrue(e.getMessage().contains("node count"), e.getMessage());

        ModelOutput hugeTable = header();
        hugeTable.count(1);
        hugeTable.string("x");
        hugeTable.ints(new int[] {3});
        hugeTable.count(1);
        hugeTable.string("emb");
        hugeTable.count(1);
        hugeTable.string("x");
        hugeTable.string("y");
        hugeTable.u8(8);
        hugeTable.count(1 << 20);
        hugeTable.count(1 << 20);
        e = assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(forged(hugeTable)));
        assertTrue(e.getMessage().startsWith("node emb: table: 1048576 x 1048576 floats need more"), e.getMessage());

        ModelOutput wrongConv = header();
        wrongConv.count(1);
        wrongConv.string("x");
        wrongConv.ints(new int[] {3});
        wrongConv.count(1);
        wrongConv.string("c");
        wrongConv.count(1);
        wrongConv.string("x");
        wrongConv.string("y");
        wrongConv.u8(2);
        wrongConv.matrix(Fixtures.dense(new Random(1), 4, 2));
        wrongConv.floatsOrNull(null);
        wrongConv.count(1);
        wrongConv.count(2);
        for (int k = 0; k < 5; k++) {
            wrongConv.ints(new int[] {k == 0 ? 3 : k < 3 ? 1 : 0});
        }
        wrongConv.count(1);
        e = assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(forged(wrongConv)));
        assertEquals("node c: Conv weights 4x2, expected 3x2", e.getMessage());

        ModelOutput unknown = header();
        unknown.count(1);
        unknown.string("x");
        unknown.ints(new int[] {3});
        unknown.count(1);
        unknown.string("n");
        unknown.count(1);
        unknown.string("x");
        unknown.string("y");
        unknown.u8(200);
        e = assertThrows(InvalidInputException.class, () -> ModelFile.fromBytes(forged(unknown)));
        assertEquals("node n: unknown layer tag 200", e.getMessage());
    }

    @Test
    void notAModelFileSaysSo(@TempDir Path dir) throws IOException {
        Path shm = dir.resolve("w.shm");
        ShmFile.save(shm, Fixtures.dense(new Random(2), 3, 3));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.load(shm));
        assertEquals("w.shm: not a .sham model file: bad magic", e.getMessage());
    }

    @Test
    void weightSizesReportStoredAndFloat32Bytes() {
        Graph g = everyLayer();
        WeightSizes s = WeightSizes.of(g);
        assertEquals(4, s.layers().size());
        long stored = 0;
        long f32 = 0;
        for (Node n : g.nodes()) {
            if (n.layer() instanceof WeightedLayer w) {
                stored += ShmFile.toBytes(w.weights()).length;
                f32 += 4L * w.weights().rows() * w.weights().cols();
            }
        }
        assertEquals(stored, s.storedBytes());
        assertEquals(f32, s.float32Bytes());
        assertEquals((double) stored / f32, s.psi(), 1e-12);
        assertEquals(List.of("gsham", "sham", "dense", "csc"), s.layers().stream().map(WeightSizes.Layer::format)
                .toList());
        assertEquals(4 * 12 * 4, s.layers().get(0).float32Bytes());
    }

    @Test
    void forgedConvolutionPaddingIsRefusedAtLoadNamingTheNode() {
        Conv padded = new Conv(Fixtures.stored(Fixtures.quantized(new Random(40), 9, 2, 3), "ham"), null, 1, 2,
                new int[] {3, 3}, new int[] {1, 1}, new int[] {1_000_000, 1_000_000}, new int[] {1, 1},
                new int[] {1, 1}, 1);
        byte[] file = ModelFile.toBytes(Fixtures.single(padded, 1, 4, 4));
        MemoryBudgetException e = assertThrows(MemoryBudgetException.class, () -> ModelFile.fromBytes(file));
        assertTrue(e.getMessage().startsWith("needs 8.0 TB for node "), e.getMessage());
        assertTrue(e.getMessage().contains("output"), e.getMessage());
    }

    @Test
    void versionOneFilesAreStillRead() throws IOException {
        Graph g = Fixtures.inFormat(Fixtures.smallCnn(41), "gsham");
        byte[] v2 = ModelFile.toBytes(g);
        // Version 1: magic, version 1, the same body without its length (matrices inside in version 1 too).
        ModelOutput body = new ModelOutput();
        body.raw(Arrays.copyOfRange(v2, 8 + 1 + varintSize(v2, 9), v2.length - 4));
        byte[] inner = body.payload().toByteArray();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] head = "SHAMODEL".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] v1 = new byte[head.length + 1 + inner.length + 4];
        System.arraycopy(head, 0, v1, 0, head.length);
        v1[head.length] = 1;
        System.arraycopy(inner, 0, v1, head.length + 1, inner.length);
        crc.update(v1, 0, v1.length - 4);
        int c = (int) crc.getValue();
        for (int k = 0; k < 4; k++) {
            v1[v1.length - 4 + k] = (byte) (c >>> (24 - 8 * k));
        }
        assertArrayEquals(v2, ModelFile.toBytes(ModelFile.fromBytes(v1)), "read as version 1, written as version 2");
    }

    private static int varintSize(byte[] b, int at) {
        int n = 1;
        while ((b[at + n - 1] & 0x80) != 0) {
            n++;
        }
        return n;
    }
}
