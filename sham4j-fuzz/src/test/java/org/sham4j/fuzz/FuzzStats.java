package org.sham4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the inputs each fuzz test ran and, in a fuzzing campaign (system property {@code fuzz.stats} set),
 * appends one line per test to that file when the JVM ends: test, inputs, accepted inputs, seconds.
 */
final class FuzzStats {
    private static final Map<String, LongAdder[]> COUNTS = new ConcurrentHashMap<>();
    private static final long START = System.nanoTime();

    static {
        String file = System.getProperty("fuzz.stats");
        if (file != null && !file.isBlank()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(file))));
        }
    }

    private FuzzStats() {
    }

    /** One input of {@code target}, accepted or refused. */
    static void count(String target, boolean accepted) {
        LongAdder[] c = COUNTS.computeIfAbsent(target, t -> new LongAdder[] {new LongAdder(), new LongAdder()});
        c[0].increment();
        if (accepted) {
            c[1].increment();
        }
    }

    private static void write(Path file) {
        double seconds = (System.nanoTime() - START) / 1e9;
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(COUNTS).forEach((t, c) -> sb.append(String.format("%s\t%d\t%d\t%.0f%n", t, c[0].sum(),
                c[1].sum(), seconds)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("fuzz stats not written: " + e.getMessage());
        }
    }
}
