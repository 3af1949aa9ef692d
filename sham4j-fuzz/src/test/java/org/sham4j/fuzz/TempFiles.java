package org.sham4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch folder per JVM for loaders that read only files; each name is overwritten by the next input. */
final class TempFiles {
    private static final Path DIR = create();

    private TempFiles() {
    }

    private static Path create() {
        try {
            // In memory where the system offers it: a fuzz test writes a file per input.
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "sham4j-fuzz")
                    : Files.createTempDirectory("sham4j-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(String name, byte[] data) throws IOException {
        Path p = DIR.resolve(name);
        Files.write(p, data);
        p.toFile().deleteOnExit();
        return p;
    }
}
