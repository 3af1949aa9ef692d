package org.sham4j.onnx;

import java.util.Arrays;

/**
 * A tensor whose values are known when a model is read (an initializer, a Constant node or what folds from
 * them): floating-point values as float32, integer values as long. Exactly one of the arrays is non-null.
 */
record ConstantTensor(int[] dims, float[] floats, long[] longs) {
    ConstantTensor {
        long n = count(dims);
        int length = floats != null ? floats.length : longs.length;
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " needs " + n + " values, got "
                    + length);
        }
    }

    static ConstantTensor ofFloats(int[] dims, float[] values) {
        return new ConstantTensor(dims, values, null);
    }

    static ConstantTensor ofLongs(int[] dims, long[] values) {
        return new ConstantTensor(dims, null, values);
    }

    static long count(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    int size() {
        return floats != null ? floats.length : longs.length;
    }

    int rank() {
        return dims.length;
    }

    boolean isFloat() {
        return floats != null;
    }

    /** The values as float32 (integers rounded). */
    float[] toFloats() {
        if (floats != null) {
            return floats;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    /** The values as integers; floating-point values must be integral. */
    long[] toLongs() {
        if (longs != null) {
            return longs;
        }
        long[] l = new long[floats.length];
        for (int i = 0; i < l.length; i++) {
            if (floats[i] != Math.rint(floats[i])) {
                throw new IllegalArgumentException("value " + floats[i] + " is not an integer");
            }
            l[i] = (long) floats[i];
        }
        return l;
    }

    /** The same values under other dimensions of equal count. */
    ConstantTensor reshape(int[] newDims) {
        return new ConstantTensor(newDims, floats, longs);
    }

    /** Axes permuted: output axis i is input axis perm[i]. */
    ConstantTensor transpose(int[] perm) {
        int r = dims.length;
        int[] outDims = new int[r];
        for (int i = 0; i < r; i++) {
            outDims[i] = dims[perm[i]];
        }
        int[] inStrides = new int[r];
        int s = 1;
        for (int i = r - 1; i >= 0; i--) {
            inStrides[i] = s;
            s *= dims[i];
        }
        int n = size();
        int[] source = new int[n];
        int[] index = new int[r];
        for (int k = 0; k < n; k++) {
            int src = 0;
            for (int i = 0; i < r; i++) {
                src += index[i] * inStrides[perm[i]];
            }
            source[k] = src;
            for (int i = r - 1; i >= 0 && ++index[i] == outDims[i]; i--) {
                index[i] = 0;
            }
        }
        if (floats != null) {
            float[] out = new float[n];
            for (int k = 0; k < n; k++) {
                out[k] = floats[source[k]];
            }
            return ofFloats(outDims, out);
        }
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = longs[source[k]];
        }
        return ofLongs(outDims, out);
    }
}
