package org.sham4j.model.runtime;

import java.util.StringJoiner;

/** Shape arithmetic and the way shapes are written in messages, e.g. {@code (N, 1, 28, 28)}. */
final class Shapes {
    private Shapes() {
    }

    /** A shape as {@code (d0, d1, ...)}. */
    static String of(int[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    /** Product of dims[from..to). */
    static int product(int[] dims, int from, int to) {
        long p = 1;
        for (int k = from; k < to; k++) {
            p *= dims[k];
        }
        return Math.toIntExact(p);
    }

    /** An axis that may count from the end, checked against the rank. */
    static int axis(int axis, int rank, String what) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + " axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Fails unless the tensor has the given rank. */
    static void requireRank(int[] shape, int rank, String what) {
        if (shape.length != rank) {
            throw new IllegalArgumentException("input shape " + of(shape) + " has rank " + shape.length + ", "
                    + what + " needs rank " + rank);
        }
    }
}
