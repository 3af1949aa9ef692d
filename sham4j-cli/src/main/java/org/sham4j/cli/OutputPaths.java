package org.sham4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output path before any work: its directory must exist (it is never created), and it is no directory. */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Throws an IllegalArgumentException naming the path unless a file can be written there. */
    static void check(Path out) {
        if (out == null) {
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(out + ": the directory " + parent + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory, not a file");
        }
    }

    /** For an output directory: its parent must exist; the directory itself is created if missing. */
    static void checkDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(dir + ": the directory " + parent + " does not exist");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a directory");
        }
    }
}
