package org.sham4j.core.io;

import java.io.IOException;

/**
 * A file or stream that cannot be read as what it claims to be: truncated, corrupt, hostile or of an
 * unsupported kind. The message is one line that names the problem, fit to show a user as it is.
 */
public class InvalidInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
