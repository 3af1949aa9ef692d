package org.sham4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a data set named on a command line as {@code KIND:PATH}: {@code mnist:DIR}, {@code fashion-mnist:DIR},
 * {@code cifar10:DIR}, {@code davis:DIR}, {@code kiba:DIR}, {@code npz:FILE}. {@code mnist}, {@code fashion-mnist}
 * and {@code cifar10} without a path are fetched from their publishers into the cache
 * ({@link Downloads#defaultCache()}) and checked against the published checksums.
 */
public final class DataSpec {
    /** The syntax, for help texts. */
    public static final String SYNTAX = "mnist:DIR, fashion-mnist:DIR, cifar10:DIR, davis:DIR, kiba:DIR, npz:FILE;"
            + " mnist, fashion-mnist or cifar10 alone download into $SHAM4J_DATA (default ~/.cache/sham4j/data)";

    private DataSpec() {
    }

    public static Dataset open(String spec) throws IOException {
        int colon = spec.indexOf(':');
        String kind = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        Path path = colon < 0 ? null : Path.of(spec.substring(colon + 1));
        if (path == null) {
            return switch (kind) {
                case "mnist" -> Mnist.download(Downloads.defaultCache(), Mnist.Variant.MNIST);
                case "fashion-mnist" -> Mnist.download(Downloads.defaultCache(), Mnist.Variant.FASHION);
                case "cifar10" -> Cifar10.download(Downloads.defaultCache(), Cifar10.ARCHIVE);
                default -> throw unknown(spec);
            };
        }
        return switch (kind) {
            case "mnist" -> Mnist.read(path, Mnist.Variant.MNIST);
            case "fashion-mnist" -> Mnist.read(path, Mnist.Variant.FASHION);
            case "cifar10" -> Cifar10.read(path);
            case "davis" -> DrugTarget.read(path, DrugTarget.Kind.DAVIS);
            case "kiba" -> DrugTarget.read(path, DrugTarget.Kind.KIBA);
            case "npz" -> NpzData.read(path);
            default -> throw unknown(spec);
        };
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown data set '" + spec + "': expected " + SYNTAX);
    }
}
