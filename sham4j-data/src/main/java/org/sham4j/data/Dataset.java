package org.sham4j.data;

/**
 * A data set split into training and test samples. {@code classes} is the number of classes of a
 * classification task (targets are class ids 0..classes-1), or 0 for regression (targets are values).
 */
public record Dataset(String name, Samples train, Samples test, int classes) {
    public Dataset {
        if (train.inputCount() != test.inputCount()) {
            throw new IllegalArgumentException(name + ": training and test samples have different inputs");
        }
        if (classes < 0) {
            throw new IllegalArgumentException(name + ": negative class count");
        }
    }

    /** Whether the targets are class ids (else regression values). */
    public boolean isClassification() {
        return classes > 0;
    }

    /** Shape of one sample of input {@code k}, without the batch axis. */
    public int[] sampleShape(int k) {
        return test.sampleShape(k);
    }
}
