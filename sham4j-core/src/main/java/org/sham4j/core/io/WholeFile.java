package org.sham4j.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file whole and parses its bytes, refusing files too large for one array and naming the file in any
 * {@link InvalidInputException} the parser throws.
 */
public final class WholeFile {
    /** Largest file read whole: the bytes live in one array. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Parses the complete bytes of a file. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    private WholeFile() {
    }

    public static <T> T parse(Path path, Parser<T> parser) throws IOException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new InvalidInputException(path.getFileName() + ": file of " + size + " bytes is too large");
        }
        try {
            return parser.parse(Files.readAllBytes(path));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
