package org.sham4j.cli;

/** A command ran to its end, but what it checks did not hold (e.g. outputs beyond the tolerance). */
final class CheckFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailedException(String message) {
        super(message);
    }
}
