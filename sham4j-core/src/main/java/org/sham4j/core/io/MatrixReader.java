package org.sham4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the matrices a user names: a Matrix Market file ({@code .mtx}, {@code .mtx.gz}), a NumPy
 * {@code .npy} file or a NumPy {@code .npz} archive, optionally followed by {@code #KEY} to select one array
 * of an archive. The kind is recognised by the first bytes of the file, or else by its extension.
 */
public final class MatrixReader {
    private static final int HEAD = 16;

    private enum Kind {
        MATRIX_MARKET("a Matrix Market file"), NPY("a NumPy .npy file"), NPZ("a NumPy .npz archive");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private MatrixReader() {
    }

    /**
     * Reads {@code spec}: a path, or {@code PATH#KEY} for the array KEY of an {@code .npz} archive (a path
     * that exists as written is never split at {@code #}).
     */
    public static List<NamedMatrix> read(String spec) throws IOException {
        int hash = spec.lastIndexOf('#');
        Path file = path(spec, spec);
        if (hash < 0 || Files.exists(file)) {
            return read(file, null);
        }
        String key = spec.substring(hash + 1);
        if (key.isEmpty()) {
            throw new InvalidInputException(spec + ": no key after '#'");
        }
        return read(path(spec.substring(0, hash), spec), key);
    }

    /** Reads {@code file}, or only its array {@code key} if not null (which requires an archive). */
    public static List<NamedMatrix> read(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        Kind kind = kind(file);
        if (key != null && kind != Kind.NPZ) {
            throw new InvalidInputException(FileNames.display(file) + ": '#" + key
                    + "' selects an array of a .npz archive, but this is " + kind.description);
        }
        return switch (kind) {
            case MATRIX_MARKET -> List.of(new NamedMatrix(FileNames.stem(file), MatrixMarketReader.read(file)));
            case NPY -> List.of(new NamedMatrix(FileNames.stem(file), NpyReader.read(file)));
            case NPZ -> NpzReader.read(file, key);
        };
    }

    private static Path path(String text, String spec) throws InvalidInputException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(spec + ": not a valid path (" + e.getReason() + ")");
        }
    }

    private static Kind kind(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        if (MatrixMarketReader.recognises(head)) {
            return Kind.MATRIX_MARKET;
        }
        if (NpyHeader.recognises(head)) {
            return Kind.NPY;
        }
        if (NpzReader.recognises(head)) {
            return Kind.NPZ;
        }
        String name = FileNames.display(file).toLowerCase(Locale.ROOT);
        if (name.endsWith(".mtx") || name.endsWith(".mtx.gz")) {
            return Kind.MATRIX_MARKET;
        }
        if (name.endsWith(".npy")) {
            return Kind.NPY;
        }
        if (name.endsWith(".npz")) {
            return Kind.NPZ;
        }
        throw new InvalidInputException(FileNames.display(file) + ": unknown kind of file (expected a Matrix Market "
                + ".mtx or .mtx.gz file, a NumPy .npy file or a NumPy .npz archive)");
    }
}
