package org.sham4j.onnx;

import java.util.Arrays;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.TensorShape;

/**
 * A tensor whose values are known when a model is read (an initializer, a Constant node or what folds from
 * them): floating-point values as float32, integer values as long. Exactly one of the arrays is non-null. An
 * integer may stand for a dimension known only symbolically, such as the batch size N that Shape gives: it is
 * held as {@link #symbol} of its {@link TensorShape} code and travels through gathers, concatenations and
 * reshapes of shape vectors until a Reshape takes it.
 */
record ConstantTensor(int[] dims, float[] floats, long[] longs) {
    private static final long SYMBOLS = Long.MIN_VALUE / 4;

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

    /** The integer standing for a symbolic dimension (a {@link TensorShape} code: N, kN or unknown). */
    static long symbol(int code) {
        return SYMBOLS + code;
    }

    /** Whether an integer stands for a symbolic dimension. */
    static boolean isSymbol(long v) {
        return v < SYMBOLS && v >= SYMBOLS + Integer.MIN_VALUE;
    }

    /** The {@link TensorShape} code of a symbol. */
    static int code(long symbol) {
        return (int) (symbol - SYMBOLS);
    }

    /** Whether any value is a symbolic dimension. */
    boolean hasSymbols() {
        if (longs == null) {
            return false;
        }
        for (long v : longs) {
            if (isSymbol(v)) {
                return true;
            }
        }
        return false;
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

    /** The values as float32 (integers rounded); a symbolic dimension has no value. */
    float[] toFloats() {
        if (floats != null) {
            return floats;
        }
        if (hasSymbols()) {
            throw new IllegalArgumentException("a value depends on the batch size");
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    /** The integer values, symbolic dimensions among them. */
    long[] symbolicLongs() {
        return longs != null ? longs : toLongs();
    }

    /** The values as integers; floating-point values must be integral, and none may be symbolic. */
    long[] toLongs() {
        if (hasSymbols()) {
            throw new IllegalArgumentException("a value depends on the batch size");
        }
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

    /** The entries at the given flat positions, in a tensor of the given dimensions. */
    private ConstantTensor pick(int[] outDims, int[] source) {
        if (floats != null) {
            float[] out = new float[source.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = floats[source[k]];
            }
            return ofFloats(outDims, out);
        }
        long[] out = new long[source.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = longs[source[k]];
        }
        return ofLongs(outDims, out);
    }

    /** ONNX Gather along {@code axis} with (non-negative or from-the-end) indices of the given dimensions. */
    ConstantTensor gather(int axis, long[] indices, int[] indexDims) {
        int n = dims[axis];
        int outer = (int) count(Arrays.copyOfRange(dims, 0, axis));
        int inner = (int) count(Arrays.copyOfRange(dims, axis + 1, dims.length));
        int[] outDims = new int[dims.length - 1 + indexDims.length];
        System.arraycopy(dims, 0, outDims, 0, axis);
        System.arraycopy(indexDims, 0, outDims, axis, indexDims.length);
        System.arraycopy(dims, axis + 1, outDims, axis + indexDims.length, dims.length - axis - 1);
        int[] source = new int[outer * indices.length * inner];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (long index : indices) {
                long i = index < 0 ? index + n : index;
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("index " + index + " is out of range for " + n + " entries");
                }
                for (int j = 0; j < inner; j++) {
                    source[k++] = (int) ((o * (long) n + i) * inner + j);
                }
            }
        }
        return pick(outDims, source);
    }

    /** ONNX Slice: along each axis, positions start, start + step, ... before end (already clamped). */
    ConstantTensor slice(int[] axes, int[] starts, int[] counts, int[] steps) {
        int r = dims.length;
        int[] start = new int[r];
        int[] step = new int[r];
        int[] outDims = dims.clone();
        Arrays.fill(step, 1);
        for (int k = 0; k < axes.length; k++) {
            start[axes[k]] = starts[k];
            step[axes[k]] = steps[k];
            outDims[axes[k]] = counts[k];
        }
        int[] stride = new int[r];
        for (int i = r - 1, s = 1; i >= 0; i--) {
            stride[i] = s;
            s *= dims[i];
        }
        int[] source = new int[(int) count(outDims)];
        int[] index = new int[r];
        for (int k = 0; k < source.length; k++) {
            int src = 0;
            for (int i = 0; i < r; i++) {
                src += (start[i] + index[i] * step[i]) * stride[i];
            }
            source[k] = src;
            for (int i = r - 1; i >= 0 && ++index[i] == outDims[i]; i--) {
                index[i] = 0;
            }
        }
        return pick(outDims, source);
    }

    /** Tensors of one rank joined along {@code axis}; integers if any is integer-valued and all are. */
    static ConstantTensor concat(java.util.List<ConstantTensor> parts, int axis) {
        ConstantTensor first = parts.get(0);
        int[] outDims = first.dims.clone();
        outDims[axis] = 0;
        boolean allLongs = true;
        for (ConstantTensor p : parts) {
            if (p.rank() != first.rank()) {
                throw new IllegalArgumentException("constants of ranks " + first.rank() + " and " + p.rank());
            }
            for (int i = 0; i < p.rank(); i++) {
                if (i != axis && p.dims[i] != first.dims[i]) {
                    throw new IllegalArgumentException("constants of shapes " + Arrays.toString(first.dims)
                            + " and " + Arrays.toString(p.dims) + " differ off axis " + axis);
                }
            }
            outDims[axis] += p.dims[axis];
            allLongs &= p.longs != null;
        }
        int outer = (int) count(Arrays.copyOfRange(first.dims, 0, axis));
        int inner = (int) count(Arrays.copyOfRange(first.dims, axis + 1, first.rank()));
        int total = (int) count(outDims);
        float[] f = allLongs ? null : new float[total];
        long[] l = allLongs ? new long[total] : null;
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (ConstantTensor p : parts) {
                int block = p.dims[axis] * inner;
                for (int j = 0; j < block; j++) {
                    int at = o * block + j;
                    if (allLongs) {
                        l[k++] = p.longs[at];
                    } else {
                        f[k++] = p.toFloats()[at];
                    }
                }
            }
        }
        return allLongs ? ofLongs(outDims, l) : ofFloats(outDims, f);
    }

    /** {@code a op b} with ONNX broadcasting; integers stay integers (a symbolic size times or plus a size too). */
    static ConstantTensor combine(ConstantTensor a, ConstantTensor b, Binary.Op op) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int k = 0; k < rank; k++) {
            int da = k - (rank - a.rank()) < 0 ? 1 : a.dims[k - (rank - a.rank())];
            int db = k - (rank - b.rank()) < 0 ? 1 : b.dims[k - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("constants of shapes " + Arrays.toString(a.dims) + " and "
                        + Arrays.toString(b.dims) + " do not broadcast");
            }
            out[k] = da == 1 ? db : da;
        }
        int n = (int) count(out);
        int[] ia = sources(a.dims, out);
        int[] ib = sources(b.dims, out);
        if (a.longs != null && b.longs != null) {
            long[] l = new long[n];
            for (int k = 0; k < n; k++) {
                l[k] = integer(a.longs[ia[k]], b.longs[ib[k]], op);
            }
            return ofLongs(out, l);
        }
        float[] fa = a.toFloats();
        float[] fb = b.toFloats();
        float[] f = new float[n];
        for (int k = 0; k < n; k++) {
            f[k] = op.apply(fa[ia[k]], fb[ib[k]]);
        }
        return ofFloats(out, f);
    }

    /** For each position of the broadcast result {@code out}, the position of a tensor of dims {@code d}. */
    private static int[] sources(int[] d, int[] out) {
        int rank = out.length;
        int[] stride = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) {
            int j = k - (rank - d.length);
            int dim = j < 0 ? 1 : d[j];
            stride[k] = dim == 1 ? 0 : s;
            s *= dim;
        }
        int[] src = new int[(int) count(out)];
        int[] index = new int[rank];
        for (int k = 0; k < src.length; k++) {
            int at = 0;
            for (int i = 0; i < rank; i++) {
                at += index[i] * stride[i];
            }
            src[k] = at;
            for (int i = rank - 1; i >= 0 && ++index[i] == out[i]; i--) {
                index[i] = 0;
            }
        }
        return src;
    }

    /** Integer arithmetic, with a symbolic size on either side where the result can still be written. */
    private static long integer(long a, long b, Binary.Op op) {
        boolean sa = isSymbol(a);
        boolean sb = isSymbol(b);
        if (!sa && !sb) {
            return switch (op) {
                case ADD -> Math.addExact(a, b);
                case SUB -> Math.subtractExact(a, b);
                case MUL -> Math.multiplyExact(a, b);
                case DIV -> Math.floorDiv(a, b);
                case POW -> (long) Math.pow(a, b);
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
            };
        }
        int ca = sa ? code(a) : (int) a;
        int cb = sb ? code(b) : (int) b;
        int r = switch (op) {
            case MUL -> TensorShape.UNKNOWN == ca || TensorShape.UNKNOWN == cb || (sa && sb) || (!sa && ca < 0)
                    || (!sb && cb < 0) ? TensorShape.UNKNOWN : -Math.abs(ca) * Math.abs(cb);
            case DIV -> sa && !sb && cb > 0 && ca != TensorShape.UNKNOWN && ca % cb == 0 ? ca / cb
                    : TensorShape.UNKNOWN;
            default -> TensorShape.UNKNOWN;
        };
        if (r == TensorShape.UNKNOWN) {
            throw new IllegalArgumentException("a shape computation on the batch size (" + op.op() + ") is not "
                    + "supported");
        }
        return r >= 0 ? r : symbol(r);
    }
}
