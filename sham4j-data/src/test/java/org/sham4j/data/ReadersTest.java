package org.sham4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;

class ReadersTest {
    @TempDir
    Path dir;

    @Test
    void idxPlainAndGzipGiveTheSameArray() throws Exception {
        byte[] values = new byte[2 * 3 * 4];
        new Random(1).nextBytes(values);
        byte[] idx = Fixtures.idx(new int[] {2, 3, 4}, values);
        Files.write(dir.resolve("a"), idx);
        Files.write(dir.resolve("b"), Fixtures.gzip(idx));
        Tensor a = IdxFile.read(dir.resolve("a"));
        Tensor b = IdxFile.read(dir.resolve("b"));
        assertArrayEquals(new int[] {2, 3, 4}, a.shape());
        assertArrayEquals(a.data(), b.data());
        assertEquals(values[5] & 0xff, a.data()[5]);
    }

    @Test
    void truncatedIdxIsRefusedInOneLine() throws Exception {
        byte[] idx = Fixtures.idx(new int[] {10, 10}, new byte[100]);
        Files.write(dir.resolve("t"), java.util.Arrays.copyOf(idx, 60));
        Files.write(dir.resolve("g"), java.util.Arrays.copyOf(Fixtures.gzip(idx), 20));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxFile.read(dir.resolve("t")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> IdxFile.read(dir.resolve("g")));
        Files.write(dir.resolve("bad"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(InvalidInputException.class, () -> IdxFile.read(dir.resolve("bad"))).getMessage()
                .contains("not an IDX file"));
    }

    @Test
    void mnistLayoutFromSmallFiles() throws Exception {
        byte[] images = new byte[3 * 28 * 28];
        images[28 * 28 + 5] = (byte) 200;
        for (String prefix : new String[] {"train", "t10k"}) {
            Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                    Fixtures.gzip(Fixtures.idx(new int[] {3, 28, 28}, images)));
            Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), Fixtures.idx(new int[] {3}, new byte[] {7, 0, 9}));
        }
        Dataset d = Mnist.read(dir, Mnist.Variant.FASHION);
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {1, 28, 28}, d.sampleShape(0));
        Batch b = d.test().batch(1, 3);
        assertEquals(200f, b.inputs().get(0).data()[5]);
        assertArrayEquals(new float[] {0, 9}, b.targets());
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Mnist.read(dir, Mnist.Variant.MNIST))
                .getMessage().contains("t10k-labels-idx1-ubyte"));
    }

    @Test
    void realMnist() throws Exception {
        Dataset d = DataSpec.open("mnist:" + SharedData.file("mnist"));
        assertEquals(60_000, d.train().size());
        assertEquals(10_000, d.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, d.sampleShape(0));
        float max = 0;
        for (float v : d.test().input(0).data()) {
            max = Math.max(max, v);
        }
        assertEquals(255f, max);
        assertEquals(7f, d.test().targets()[0]);
        assertEquals(5f, d.train().targets()[0]);
    }

    @Test
    void cifarRecordsFromSmallFiles() throws Exception {
        Random r = new Random(2);
        for (String name : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
            "data_batch_5", "test_batch"}) {
            byte[] rec = new byte[2 * 3073];
            r.nextBytes(rec);
            rec[0] = 3;
            rec[3073] = 9;
            Files.write(dir.resolve(name + ".bin"), rec);
        }
        Dataset d = Cifar10.read(dir);
        assertEquals(10, d.train().size());
        assertArrayEquals(new int[] {3, 32, 32}, d.sampleShape(0));
        byte[] test = Files.readAllBytes(dir.resolve("test_batch.bin"));
        Tensor x = d.test().input(0);
        assertEquals(test[3073 + 1 + 1024 + 33] & 0xff, x.data()[3072 + 1024 + 33]);
        assertArrayEquals(new float[] {3, 9}, d.test().targets());
        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        assertThrows(InvalidInputException.class, () -> Cifar10.read(dir));
    }

    @Test
    void npzWithSplitsAndIntegerLabels() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("x_train", Fixtures.npy("<u1", new int[] {2, 2, 2}, new double[] {1, 2, 3, 4, 5, 6, 7, 8}));
        m.put("y_train", Fixtures.npy("<i8", new int[] {2}, new double[] {0, 4}));
        m.put("x_test", Fixtures.npy("<f4", new int[] {1, 2, 2}, new double[] {.5, 1, 2, 3}));
        m.put("y_test", Fixtures.npy("<i8", new int[] {1}, new double[] {1}));
        Path f = dir.resolve("d.npz");
        Fixtures.npz(f, m);
        Dataset d = DataSpec.open("npz:" + f);
        assertEquals(5, d.classes());
        assertArrayEquals(new int[] {2, 2}, d.sampleShape(0));
        assertArrayEquals(new float[] {5, 6, 7, 8}, d.train().batch(1, 2).inputs().get(0).data());
        assertArrayEquals(new float[] {.5f, 1, 2, 3}, d.test().input(0).data());

        Map<String, byte[]> reg = new LinkedHashMap<>();
        reg.put("X", Fixtures.npy("<f4", new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
        reg.put("y", Fixtures.npy("<f4", new int[] {2}, new double[] {0.5, 2}));
        Fixtures.npz(f, reg);
        Dataset r = NpzData.read(f);
        assertEquals(0, r.classes());
        assertEquals(2, r.test().size());

        reg.put("y", Fixtures.npy("<f4", new int[] {3}, new double[] {0.5, 2, 1}));
        Fixtures.npz(f, reg);
        assertTrue(assertThrows(InvalidInputException.class, () -> NpzData.read(f)).getMessage()
                .contains("do not match"));
    }

    @Test
    void indexedSamplesGatherRowsOfTheirTables() {
        Tensor drugs = new Tensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        Tensor prots = new Tensor(new int[] {3, 1}, new float[] {7, 8, 9});
        Samples s = Samples.indexed(List.of(drugs, prots), List.of(new int[] {0, 1, 1}, new int[] {2, 0, 1}),
                new float[] {.1f, .2f, .3f});
        Batch b = s.batch(new int[] {2, 0});
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, b.inputs().get(0).data());
        assertArrayEquals(new float[] {8, 9}, b.inputs().get(1).data());
        assertArrayEquals(new float[] {.3f, .1f}, b.targets());
        Samples sel = s.select(new int[] {1});
        assertArrayEquals(new float[] {7}, sel.input(1).data());
        List<int[]> batches = s.shuffledBatches(2, new Random(3));
        assertEquals(2, batches.size());
        assertEquals(3, batches.get(0).length + batches.get(1).length);
    }

    @Test
    void deepDtaAlphabets() throws Exception {
        assertEquals(64, SequenceAlphabet.SMILES.size());
        assertEquals(25, SequenceAlphabet.PROTEIN.size());
        assertArrayEquals(new float[] {1, 42, 53, 20, 64, 0}, SequenceAlphabet.SMILES.encode("(C[\\y", 6, "t"));
        assertArrayEquals(new float[] {1, 2, 3}, SequenceAlphabet.PROTEIN.encode("ACBZZ", 3, "t"));
        assertThrows(InvalidInputException.class, () -> SequenceAlphabet.PROTEIN.encode("A*", 3, "t"));
    }

    @Test
    void davisFiguresAsPublished() throws Exception {
        Path davis = Path.of(SharedData.file("deepdta/davis"));
        Dataset d = DrugTarget.read(davis, DrugTarget.Kind.DAVIS);
        assertEquals(5_010, d.test().size());
        assertEquals(30_056 - 5_010, d.train().size());
        assertArrayEquals(new int[] {100}, d.sampleShape(0));
        assertArrayEquals(new int[] {1000}, d.sampleShape(1));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float y : d.train().targets()) {
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        assertEquals(5f, min, 1e-5f);  // Kd 10,000 nM
        assertTrue(max > 10 && max < 11, "max pKd " + max);
    }

    @Test
    void kibaFiguresAsPublished() throws Exception {
        Path kiba = Path.of(SharedData.file("deepdta/kiba"));
        Dataset d = DataSpec.open("kiba:" + kiba);
        assertEquals(19_709, d.test().size());
        assertEquals(118_254 - 19_709, d.train().size());
        assertArrayEquals(new int[] {85}, d.sampleShape(0));
        assertArrayEquals(new int[] {1200}, d.sampleShape(1));
    }

    @Test
    void unknownSpecNamesTheSyntax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSpec.open("foo:bar"));
        assertTrue(e.getMessage().contains("mnist:DIR"));
    }
}
