package org.sham4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only {@code shared/data} folder beside the repository (found by walking up); tests skip without it. */
public final class SharedData {
    private static final Path ROOT = find();

    private SharedData() {
    }

    private static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data"))) {
                return p.resolve("shared/data");
            }
        }
        return null;
    }

    /** The path of a file or folder under shared/data; skips the calling test when the folder is absent. */
    public static Path path(String relative) {
        Assumptions.assumeTrue(ROOT != null, "../shared/data absent: skipping");
        return ROOT.resolve(relative);
    }
}
