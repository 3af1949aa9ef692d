package org.sham4j.cli.report;

import java.io.PrintStream;

/**
 * A progress bar on standard error: redrawn in place on a terminal, one line per step otherwise (so logs
 * stay readable), and silent when disabled.
 */
public final class Progress {
    private static final int BAR = 30;
    private final PrintStream err;
    private int total;
    private final boolean terminal;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private int done;

    public Progress(int total, boolean enabled) {
        this.err = System.err;
        this.total = total;
        this.terminal = System.console() != null;
        this.enabled = enabled;
    }

    /** Shows that step {@code done + 1} is under way. */
    public void step(String what) {
        if (!enabled) {
            return;
        }
        int filled = total == 0 ? BAR : Math.min(BAR, BAR * done / total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done == 0 ? "" : String.format(" eta %.0fs", elapsed / done * (total - done));
        String line = String.format("[%s%s] %d/%d %s%s", "#".repeat(filled), " ".repeat(BAR - filled), done + 1,
                total, what, eta);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Adds {@code more} steps to the total (steps found under way, such as the arrays of an archive). */
    public void grow(int more) {
        total += Math.max(0, more);
    }

    /** Prints a line that stays (a warning), whatever the bar shows. */
    public void note(String line) {
        if (enabled && terminal) {
            err.print("\r\u001b[K");
        }
        err.println(line);
        err.flush();
    }

    /** Marks one step done. */
    public void advance() {
        done++;
    }

    /** Clears the bar. */
    public void finish() {
        if (enabled && terminal) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
