package org.sham4j.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.sham4j.core.io.AtomicFiles;

/**
 * Writes a report's files as one directory, atomically: they go to a fresh directory beside the target, which
 * then takes the target's name; an earlier report there is replaced whole (no stale plot survives), anything
 * else is refused. A failed write leaves the target as it was.
 */
final class ReportDirectory {
    /** The file every report has: a directory holding it may be replaced. */
    static final String INDEX = "index.md";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReportDirectory() {
    }

    /** Refuses a target whose parent is missing, that is a file, or a directory that holds something else. */
    static Path check(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(target + ": its parent directory " + parent + " does not exist");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(target + ": is a file, not a report directory");
        }
        if (Files.isDirectory(abs) && !Files.exists(abs.resolve(INDEX))) {
            try (Stream<Path> s = Files.list(abs)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + ": exists and holds no " + INDEX
                            + ", so it is not a report to replace; give a new or empty directory");
                }
            }
        }
        return abs;
    }

    /** Writes {@code files} (name to content) as the directory {@code target}. */
    static void write(Path target, Map<String, byte[]> files) throws IOException {
        Path abs = check(target);
        Path parent = abs.getParent();
        String tag = Long.toHexString(RANDOM.nextLong());
        Path fresh = parent.resolve("." + abs.getFileName() + ".tmp-" + tag);
        boolean done = false;
        try {
            Files.createDirectory(fresh);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                AtomicFiles.write(fresh.resolve(f.getKey()), f.getValue());
            }
            if (Files.exists(abs)) {
                Path old = parent.resolve("." + abs.getFileName() + ".old-" + tag);
                move(abs, old);
                move(fresh, abs);
                delete(old);
            } else {
                move(fresh, abs);
            }
            done = true;
        } finally {
            if (!done) {
                delete(fresh);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
