package org.sham4j.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;

/**
 * CIFAR-10, binary version: {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin}
 * (in the folder given or its {@code cifar-10-batches-bin} subfolder), each a run of records of one label byte
 * and 3 x 32 x 32 pixel bytes (channel planes, rows). Images (N, 3, 32, 32) with raw values 0..255.
 */
public final class Cifar10 {
    /** The published archive and its MD5. */
    public static final RemoteFile ARCHIVE = new RemoteFile("cifar-10-binary.tar.gz",
            URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), "MD5",
            "c32a1d4ab5d03f1284b67883e8d87530");
    private static final int PIXELS = 3 * 32 * 32;
    private static final int RECORD = 1 + PIXELS;
    private static final int TRAIN_FILES = 5;

    private Cifar10() {
    }

    /** Reads the six batch files. */
    public static Dataset read(Path dir) throws IOException {
        Path root = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        Path[] train = new Path[TRAIN_FILES];
        for (int k = 0; k < TRAIN_FILES; k++) {
            train[k] = root.resolve("data_batch_" + (k + 1) + ".bin");
        }
        return new Dataset("cifar10", readBatches(train), readBatches(root.resolve("test_batch.bin")), 10);
    }

    /** Fetches the published archive into {@code cache}/cifar10 (checked against its MD5), unpacks and reads it. */
    public static Dataset download(Path cache, RemoteFile archive) throws IOException {
        Path dir = cache.resolve("cifar10");
        if (!Files.isRegularFile(dir.resolve("test_batch.bin"))) {
            Path tgz = Downloads.fetch(archive, dir);
            TarGz.extract(tgz, ".bin", dir);
        }
        return read(dir);
    }

    private static Samples readBatches(Path... files) throws IOException {
        long total = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException(f + ": CIFAR-10 batch file missing");
            }
            long size = Files.size(f);
            if (size % RECORD != 0) {
                throw new InvalidInputException(f + ": " + size + " bytes is not a whole number of " + RECORD
                        + "-byte records");
            }
            total += size / RECORD;
        }
        int n = Math.toIntExact(total);
        float[] images = new float[Math.multiplyExact(n, PIXELS)];
        float[] labels = new float[n];
        int i = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (int p = 0; p < bytes.length; p += RECORD, i++) {
                int label = bytes[p] & 0xff;
                if (label > 9) {
                    throw new InvalidInputException(f + ": label " + label + " outside 0..9 in record "
                            + p / RECORD);
                }
                labels[i] = label;
                for (int q = 0; q < PIXELS; q++) {
                    images[i * PIXELS + q] = bytes[p + 1 + q] & 0xff;
                }
            }
        }
        return Samples.of(List.of(new Tensor(new int[] {n, 3, 32, 32}, images)), labels);
    }
}
