package org.sham4j.core.memory;

/**
 * Work refused because it needs more memory than the {@link MemoryBudget} allows; the message is one line that
 * says how much, for what, and how much there is.
 */
public final class MemoryBudgetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemoryBudgetException(String message) {
        super(message);
    }
}
