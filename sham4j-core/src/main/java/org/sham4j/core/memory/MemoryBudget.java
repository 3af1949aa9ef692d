package org.sham4j.core.memory;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * How much memory one allocation that a file or a model asks for may take: what the heap can still give, or less
 * when the system property {@value #PROPERTY} (e.g. {@code 512m}, {@code 2g}) or {@link #setLimit} sets a limit.
 * Work whose size comes from a shape that a file declares (a dense copy of a matrix, a model's activations) is
 * checked here before it allocates, so that an absurd shape is refused in one line, naming what needs the memory,
 * rather than ending in an OutOfMemoryError.
 */
public final class MemoryBudget {
    /** System property that limits the budget, in bytes with an optional k, m or g suffix. */
    public static final String PROPERTY = "sham4j.memory";

    private static volatile long limit = parse(System.getProperty(PROPERTY));

    private MemoryBudget() {
    }

    /** Limits the budget to {@code bytes}; a negative value restores the default (what the heap can give). */
    public static void setLimit(long bytes) {
        limit = bytes;
    }

    /** Bytes an allocation may take now: the heap's free and unclaimed space, capped by the limit if one is set. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return limit < 0 ? heap : Math.min(limit, heap);
    }

    /**
     * Refuses, with a {@link MemoryBudgetException} that names {@code what}, work that needs more than
     * {@code bytes} of the budget. Garbage counts as used until a collection: one is asked for before refusing a
     * request the heap could hold.
     */
    public static void check(long bytes, Supplier<String> what) {
        if (bytes <= available()) {
            return;
        }
        long cap = limit < 0 ? Runtime.getRuntime().maxMemory() : Math.min(limit, Runtime.getRuntime().maxMemory());
        if (bytes <= cap) {
            System.gc();
            if (bytes <= available()) {
                return;
            }
        }
        throw new MemoryBudgetException("needs " + format(bytes) + " for " + what.get() + ", more than the "
                + format(Math.max(0, available())) + " of memory available"
                + (limit < 0 ? " (raise the heap with -Xmx)" : " (the limit " + PROPERTY + " is " + format(limit) + ")"));
    }

    /** Bytes of {@code count} items of {@code bytesEach}, saturating instead of overflowing. */
    public static long bytes(long count, long bytesEach) {
        return count > Long.MAX_VALUE / Math.max(1, bytesEach) ? Long.MAX_VALUE : count * bytesEach;
    }

    /** A size for people: {@code 6.4 GB}, {@code 512 kB}, {@code 17 bytes}. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    private static long parse(String text) {
        if (text == null || text.isBlank()) {
            return -1;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        long scale = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        try {
            return Long.parseLong(scale == 1 ? t : t.substring(0, t.length() - 1)) * scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + text + " is not a size such as 512m or 2g", e);
        }
    }
}
