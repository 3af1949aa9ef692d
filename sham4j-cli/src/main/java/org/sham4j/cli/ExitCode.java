package org.sham4j.cli;

/**
 * The exit codes of every {@code sham} command, one scheme for picocli's errors and ours (the README lists them):
 * <ul>
 *   <li>{@link #OK} 0: done;</li>
 *   <li>{@link #INPUT} 1: an input or output failed: a file missing, unreadable, truncated, corrupt or forged, data
 *       that does not fit the model, a file that cannot be written;</li>
 *   <li>{@link #USAGE} 2: the command line is wrong: an unknown command or option, a missing or malformed
 *       argument, an option value out of range;</li>
 *   <li>{@link #MEMORY} 3: the work needs more memory than there is (the memory budget refused it, or the heap ran
 *       out);</li>
 *   <li>{@link #CHECK} 4: the command ran but its check failed (run: outputs beyond the tolerance);</li>
 *   <li>{@link #INTERNAL} 5: an internal error, a bug in sham4j ({@code --debug} shows its stack trace).</li>
 * </ul>
 */
final class ExitCode {
    static final int OK = 0;
    static final int INPUT = 1;
    static final int USAGE = 2;
    static final int MEMORY = 3;
    static final int CHECK = 4;
    static final int INTERNAL = 5;

    private ExitCode() {
    }
}
