package org.sham4j.model.graph;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A tensor's shape with the batch size left symbolic: each dimension is a size, a multiple of the batch N (a
 * batch axis, or a flattened one such as 256N), or unknown (an input axis of any size). Encoded in an int per
 * dimension: d &ge; 0 is the size d, {@link #UNKNOWN} is unknown, any other d &lt; 0 is (−d)·N.
 */
public record TensorShape(int[] dims) {
    /** An unknown dimension. */
    public static final int UNKNOWN = Integer.MIN_VALUE;
    /** The batch dimension N. */
    public static final int N = -1;

    public TensorShape {
        dims = dims.clone();
    }

    /** A shape of known sizes. */
    public static TensorShape of(int... sizes) {
        for (int d : sizes) {
            if (d < 0) {
                throw new IllegalArgumentException("negative size in " + Arrays.toString(sizes));
            }
        }
        return new TensorShape(sizes);
    }

    /** A model input's shape: (N, its sample shape), a negative sample size being unknown. */
    public static TensorShape ofInput(InputSpec input) {
        int[] d = new int[input.shape().length + 1];
        d[0] = N;
        for (int k = 0; k < input.shape().length; k++) {
            int s = input.shape()[k];
            d[k + 1] = s < 0 ? UNKNOWN : s;
        }
        return new TensorShape(d);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** Whether every dimension is known (sizes and batch multiples). */
    public boolean isKnown() {
        for (int d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** The sizes for a batch of {@code batch}; an unknown dimension is an error. */
    public int[] forBatch(int batch) {
        int[] out = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
            int d = dims[k];
            if (d == UNKNOWN) {
                throw new IllegalArgumentException("shape " + this + " has an unknown size at axis " + k);
            }
            out[k] = d >= 0 ? d : Math.multiplyExact(-d, batch);
        }
        return out;
    }

    /** Number of values for a batch of {@code batch} (as a long: it may exceed an array's size). */
    public long elements(int batch) {
        long n = 1;
        for (int d : forBatch(batch)) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** One dimension as text: {@code 28}, {@code N}, {@code 256N} or {@code ?}. */
    public static String text(int d) {
        return d >= 0 ? Integer.toString(d) : d == UNKNOWN ? "?" : d == N ? "N" : -d + "N";
    }

    /** Whether two dimensions may be equal: equal, or one unknown. */
    static boolean fits(int a, int b) {
        return a == b || a == UNKNOWN || b == UNKNOWN;
    }

    /** The product of two dimensions (N times N cannot be written, so it is unknown). */
    static int times(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        if (a == UNKNOWN || b == UNKNOWN || (a < 0 && b < 0)) {
            return UNKNOWN;
        }
        return a < 0 || b < 0 ? -Math.multiplyExact(Math.abs(a), Math.abs(b)) : Math.multiplyExact(a, b);
    }

    /** The sum of two dimensions (a size plus a multiple of N cannot be written, so it is unknown). */
    static int plus(int a, int b) {
        if (a == UNKNOWN || b == UNKNOWN || (a < 0) != (b < 0)) {
            return UNKNOWN;
        }
        return a < 0 ? -Math.addExact(-a, -b) : Math.addExact(a, b);
    }

    /** The product of dims[from..to). */
    int product(int from, int to) {
        int p = 1;
        for (int k = from; k < to; k++) {
            p = times(p, dims[k]);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape t && Arrays.equals(dims, t.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** E.g. {@code (N, 1, 28, 28)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int d : dims) {
            j.add(text(d));
        }
        return j.toString();
    }
}
