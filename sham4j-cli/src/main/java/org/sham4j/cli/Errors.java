package org.sham4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.sham4j.core.memory.MemoryBudgetException;
import org.sham4j.cli.report.Text;
import picocli.CommandLine;

/**
 * Turns any exception or error into the exit code of its class ({@link ExitCode}) and one printable line: control
 * characters (a line break or a terminal escape in a node name, say) are escaped.
 */
final class Errors {
    private Errors() {
    }

    /** The exit code for {@code e}. */
    static int exitCode(Throwable e) {
        if (e instanceof UsageException || e instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        if (e instanceof MemoryBudgetException || e instanceof OutOfMemoryError) {
            return ExitCode.MEMORY;
        }
        if (e instanceof CheckFailedException) {
            return ExitCode.CHECK;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
            return ExitCode.INPUT;
        }
        return ExitCode.INTERNAL;
    }

    /** What went wrong, in one printable line. */
    static String oneLine(Throwable e) {
        String msg;
        if (e instanceof NoSuchFileException) {
            msg = "no such file: " + e.getMessage();
        } else if (e instanceof AccessDeniedException) {
            msg = "permission denied: " + e.getMessage();
        } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            msg = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage();
        } else if (e instanceof OutOfMemoryError) {
            msg = "out of memory (the heap holds " + org.sham4j.core.memory.MemoryBudget.format(
                    Runtime.getRuntime().maxMemory()) + "; raise it with JAVA_OPTS=-Xmx...)";
        } else if (e instanceof StackOverflowError) {
            msg = "the input nests too deeply (stack overflow)";
        } else if (exitCode(e) == ExitCode.INTERNAL) {
            msg = "internal error, a bug in sham4j: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (--debug shows where)";
        } else if (e instanceof UncheckedIOException && e.getCause() != null) {
            return oneLine(e.getCause());
        } else {
            msg = e.getMessage() == null || e.getMessage().isBlank() ? describe(e) : e.getMessage();
        }
        return printable(msg);
    }

    /** A message-less exception in words, e.g. EOFException as "unexpected end of file". */
    private static String describe(Throwable e) {
        if (e instanceof java.io.EOFException) {
            return "unexpected end of file";
        }
        return e.getClass().getSimpleName();
    }

    /** {@code s} on one line, printable ({@link Text#printable}), without surrounding blanks. */
    static String printable(String s) {
        return Text.printable(s).strip();
    }
}
