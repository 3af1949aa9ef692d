package org.sham4j.core.matrix;

import java.util.Arrays;
import org.sham4j.core.memory.MemoryBudget;

/** A dense float32 array of any rank in row-major order (the last axis varies fastest). */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    /** Wraps {@code data} (not copied); its length must be the product of the shape. */
    public Tensor(int[] shape, float[] data) {
        long n = size(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A zero tensor. */
    public static Tensor zeros(int... shape) {
        long n = size(shape);
        if (n > MatrixChecks.MAX_ENTRIES) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many entries");
        }
        MemoryBudget.check(4 * n, () -> "a tensor of shape " + Arrays.toString(shape));
        return new Tensor(shape, new float[(int) n]);
    }

    /** Number of entries of a shape; every dimension must be non-negative. */
    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many entries");
            }
        }
        return n;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** The values, row-major (not a copy). */
    public float[] data() {
        return data;
    }

    /** Entries from .. to - 1 along axis 0 (samples of a batch), copied. */
    public Tensor rows(int from, int to) {
        if (shape.length == 0 || from < 0 || from > to || to > shape[0]) {
            throw new IllegalArgumentException("rows " + from + " to " + to + " of a tensor of shape "
                    + Arrays.toString(shape));
        }
        int per = shape[0] == 0 ? 0 : data.length / shape[0];
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(s, Arrays.copyOfRange(data, from * per, to * per));
    }

    /** The same values under another shape of equal size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
