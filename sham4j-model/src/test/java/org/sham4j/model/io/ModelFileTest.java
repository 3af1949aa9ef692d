package org.sham4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.model.testing.EveryLayer;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.memory.MemoryBudgetException;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.Fixtures;
import org.sham4j.model.runtime.GraphRunner;

class ModelFileTest {
    private static Graph everyLayer() {
        return EveryLayer.graph(31);
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
        assertEquals(Activation.Function.values().length, EveryLayer.functions(back).size(), "every function");
        Tensor[] in = EveryLayer.inputs(32, 3).toArray(Tensor[]::new);
        try (GraphRunner a = new GraphRunner(g, 1); GraphRunner b = new GraphRunner(back, 2)) {
            Map<String, Tensor> feed = Map.of("image", in[0], "tokens", in[1], "sequence", in[2]);
            assertArrayEquals(a.run(feed).get("probs").data(), b.run(feed).get("probs").data());
        }
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
        o.bool(true);
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
        assertEquals(11, s.layers().size());
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
        assertEquals(List.of("csc", "csr", "dense", "dense", "coo", "dense", "im", "dense", "dense", "sham", "gsham"),
                s.layers().stream().map(WeightSizes.Layer::format).toList());
        assertEquals(4 * 27 * 4, s.layers().get(0).float32Bytes());
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
}
