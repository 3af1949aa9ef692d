package org.sham4j.core.format;

import org.sham4j.core.memory.MemoryBudget;

/**
 * A matrix that a format cannot hold: its arrays, or its {@code .shm} file, would need more than a Java array
 * holds. The message says which and by how much, in one line.
 */
public final class FormatLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public FormatLimitException(String message) {
        super(message);
    }

    /** Refuses a payload of {@code bytes} bytes, more than one array (and so one file read whole) holds. */
    static FormatLimitException payload(long bytes) {
        return new FormatLimitException("the file would take " + MemoryBudget.format(bytes) + ", more than the "
                + MemoryBudget.format(Integer.MAX_VALUE - 8) + " a .shm file holds");
    }

    /** Refuses an array of {@code count} items for {@code what}, more than a Java array holds. */
    public static void checkArray(long count, String what) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new FormatLimitException(what + " would take " + count + " entries, more than the "
                    + (Integer.MAX_VALUE - 8) + " a Java array holds");
        }
    }
}
