package org.sham4j.core.io;

import org.sham4j.core.matrix.MatrixChecks;

/** Checks on what an input file claims, turned into {@link InvalidInputException}s that name the file. */
final class InputChecks {
    private InputChecks() {
    }

    /** Refuses a shape that {@link MatrixChecks#checkShape} refuses. */
    static void shape(String source, long rows, long cols) throws InvalidInputException {
        try {
            MatrixChecks.checkShape(rows, cols);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }

    /** The refusal of {@code value} at (i, j), which is NaN or infinite, or too large for a float32. */
    static InvalidInputException notFinite(String where, double value, long i, long j) {
        String what = Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? "infinite value"
                : "value " + value + " (too large for float32)";
        return new InvalidInputException(where + ": " + what + " at (" + i + ", " + j + ")");
    }
}
