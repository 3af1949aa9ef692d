package org.sham4j.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;

/**
 * MNIST and Fashion-MNIST from their IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-...}, each gzip-compressed or not): images (N, 1, 28, 28) with raw pixel values 0..255, labels
 * 0..9.
 */
public final class Mnist {
    /** The two variants, with where they are published and the published MD5 of each file. */
    public enum Variant {
        MNIST("mnist", "https://ossci-datasets.s3.amazonaws.com/mnist/",
                "f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
        FASHION("fashion-mnist", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310");

        private final String id;
        private final String base;
        private final String[] md5;

        Variant(String id, String base, String... md5) {
            this.id = id;
            this.base = base;
            this.md5 = md5;
        }

        /** The data set's name on the command line. */
        public String id() {
            return id;
        }

        /** The four files as published under {@code base} (the real address unless a test points elsewhere). */
        public List<RemoteFile> files(URI base) {
            List<RemoteFile> out = new ArrayList<>();
            for (int k = 0; k < FILES.length; k++) {
                out.add(new RemoteFile(FILES[k] + ".gz", base.resolve(FILES[k] + ".gz"), "MD5", md5[k]));
            }
            return out;
        }

        /** The published address. */
        public URI publishedBase() {
            return URI.create(base);
        }
    }

    private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private Mnist() {
    }

    /** Reads the four files from {@code dir}. */
    public static Dataset read(Path dir, Variant variant) throws IOException {
        return new Dataset(variant.id(), split(dir, "train"), split(dir, "t10k"), 10);
    }

    /** Fetches the published files into {@code cache}/ID (checked against their MD5) and reads them. */
    public static Dataset download(Path cache, Variant variant) throws IOException {
        Path dir = cache.resolve(variant.id());
        for (RemoteFile f : variant.files(variant.publishedBase())) {
            Downloads.fetch(f, dir);
        }
        return read(dir, variant);
    }

    private static Samples split(Path dir, String prefix) throws IOException {
        Tensor images = IdxFile.read(find(dir, prefix + "-images-idx3-ubyte"));
        Tensor labels = IdxFile.read(find(dir, prefix + "-labels-idx1-ubyte"));
        if (images.rank() != 3 || labels.rank() != 1 || images.dim(0) != labels.dim(0)) {
            throw new InvalidInputException(dir + ": " + prefix + " images " + images + " and labels " + labels
                    + " do not match (expected (N, rows, cols) and (N))");
        }
        for (float label : labels.data()) {
            if (label < 0 || label > 9) {
                throw new InvalidInputException(dir + ": " + prefix + " label " + label + " outside 0..9");
            }
        }
        Tensor nchw = images.reshape(images.dim(0), 1, images.dim(1), images.dim(2));
        return Samples.of(List.of(nchw), labels.data());
    }

    /** The file {@code name} or {@code name.gz} in {@code dir}; the message names both when neither is there. */
    private static Path find(Path dir, String name) throws InvalidInputException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidInputException(dir + ": neither " + name + ".gz nor " + name + " is there");
    }
}
