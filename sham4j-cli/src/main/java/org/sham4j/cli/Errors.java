package org.sham4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one-line messages the tool prints. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable e) {
        String msg;
        if (e instanceof NoSuchFileException) {
            msg = "no such file: " + e.getMessage();
        } else if (e instanceof AccessDeniedException) {
            msg = "permission denied: " + e.getMessage();
        } else if (e instanceof OutOfMemoryError) {
            msg = "out of memory (raise -Xmx with JAVA_OPTS)";
        } else {
            msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
