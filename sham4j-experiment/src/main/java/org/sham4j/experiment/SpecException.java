package org.sham4j.experiment;

/** A sweep spec that is wrong, in one line naming the key and what it allows. */
public final class SpecException extends IllegalArgumentException {
    public SpecException(String message) {
        super(message);
    }
}
