package org.sham4j.cli;

import java.util.function.Supplier;

/**
 * A command line that asks for something impossible: an option value out of range or of an unknown kind. Like
 * picocli's own parse errors it ends the command with {@link ExitCode#USAGE}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /** Parses an option's value, turning the parser's IllegalArgumentException into a usage error. */
    static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A usage error unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new UsageException(message);
        }
    }
}
