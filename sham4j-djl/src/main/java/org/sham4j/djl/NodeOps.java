package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/** Each graph layer as DJL operations on NDArrays (channels-first, as the graph's tensors are). */
final class NodeOps implements LayerVisitor<NDArray> {
    private final List<NDArray> in;
    private final NDArray x;
    private final NDArray w;
    private final NDArray b;
    private final boolean training;

    private NodeOps(List<NDArray> in, NDArray w, NDArray b, boolean training) {
        this.in = in;
        this.x = in.get(0);
        this.w = w;
        this.b = b;
        this.training = training;
    }

    /** The layer's output; {@code w} and {@code b} are its weight and bias arrays, null where it has none. */
    static NDArray apply(Layer layer, List<NDArray> in, NDArray w, NDArray b, boolean training) {
        return layer.accept(new NodeOps(in, w, b, training));
    }

    @Override
    public NDArray dense(Dense layer) {
        NDArray y = x.matMul(w);
        return b == null ? y : y.add(b);
    }

    @Override
    public NDArray conv(Conv layer) {
        return conv(layer, x, w, b);
    }

    @Override
    public NDArray pool(org.sham4j.model.graph.Pool layer) {
        return pool(layer, x);
    }

    @Override
    public NDArray globalPool(GlobalPool layer) {
        Shape s = x.getShape();
        NDArray flat = x.reshape(s.get(0), s.get(1), -1);
        NDArray y = layer.poolKind() == PoolKind.MAX ? flat.max(new int[] {2}) : flat.mean(new int[] {2});
        if (!layer.keepDims()) {
            return y;
        }
        long[] kept = new long[s.dimension()];
        Arrays.fill(kept, 1);
        kept[0] = s.get(0);
        kept[1] = s.get(1);
        return y.reshape(kept);
    }

    @Override
    public NDArray flatten(Flatten layer) {
        Shape s = x.getShape();
        int axis = layer.axis() < 0 ? layer.axis() + s.dimension() : layer.axis();
        return x.reshape(s.slice(0, axis).size(), s.slice(axis).size());
    }

    @Override
    public NDArray reshape(Reshape layer) {
        long[] shape = new long[layer.shape().length];
        for (int k = 0; k < shape.length; k++) {
            shape[k] = layer.shape()[k] == 0 ? x.getShape().get(k) : layer.shape()[k];
        }
        return x.reshape(shape);
    }

    @Override
    public NDArray transpose(Transpose layer) {
        return x.transpose(layer.perm());
    }

    @Override
    public NDArray embedding(Embedding layer) {
        return ai.djl.nn.core.Embedding.embedding(x.toType(DataType.INT64, false), w, SparseFormat.DENSE)
                .singletonOrThrow();
    }

    @Override
    public NDArray concat(Concat layer) {
        int axis = layer.axis() < 0 ? layer.axis() + x.getShape().dimension() : layer.axis();
        return NDArrays.concat(new NDList(in), axis);
    }

    @Override
    public NDArray add(Add layer) {
        NDArray sum = x;
        for (int k = 1; k < in.size(); k++) {
            sum = sum.add(in.get(k));
        }
        return sum;
    }

    @Override
    public NDArray batchNorm(BatchNorm layer) {
        return batchNorm(layer, x);
    }

    @Override
    public NDArray dropout(org.sham4j.model.graph.Dropout layer) {
        return training && layer.rate() > 0 ? DropoutMasks.apply(x, layer.rate()) : x;
    }

    @Override
    public NDArray activation(Activation layer) {
        float alpha = layer.alpha();
        float beta = layer.beta();
        return switch (layer.function()) {
            case RELU -> ai.djl.nn.Activation.relu(x);
            case TANH -> ai.djl.nn.Activation.tanh(x);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
            case LEAKY_RELU -> ai.djl.nn.Activation.leakyRelu(x, alpha);
            case ELU -> ai.djl.nn.Activation.elu(x, alpha);
            case SELU -> x.maximum(0).add(x.minimum(0).exp().sub(1).mul(alpha)).mul(beta);
            case CLIP -> x.clip(alpha, beta);
            case HARD_SIGMOID -> x.mul(alpha).add(beta).clip(0, 1);
            case HARD_SWISH -> x.mul(x.div(6).add(0.5).clip(0, 1));
            case GELU -> ai.djl.nn.Activation.gelu(x);
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
            case ERF -> erf(x);
            case EXP -> x.exp();
            case LOG -> x.log();
            case SQRT -> x.sqrt();
            case ABS -> x.abs();
            case NEG -> x.neg();
            case SOFTPLUS -> ai.djl.nn.Activation.softPlus(x);
        };
    }

    /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), from operations DJL differentiates. */
    private static NDArray erf(NDArray x) {
        NDArray a = x.abs();
        NDArray t = a.mul(0.3275911).add(1).pow(-1);
        NDArray poly = t.mul(1.061405429).add(-1.453152027).mul(t).add(1.421413741).mul(t).add(-0.284496736)
                .mul(t).add(0.254829592).mul(t);
        return poly.mul(a.square().neg().exp()).neg().add(1).mul(x.sign());
    }

    @Override
    public NDArray softmax(Softmax layer) {
        return layer.log() ? x.logSoftmax(layer.axis()) : x.softmax(layer.axis());
    }

    @Override
    public NDArray binary(Binary layer) {
        if (layer.constant() == null) {
            return binary(layer.op(), x, in.get(1));
        }
        Tensor c = layer.constant();
        NDArray k = x.getManager().create(c.data(), new Shape(Arrays.stream(c.shape()).asLongStream().toArray()));
        return layer.constantFirst() ? binary(layer.op(), k, x) : binary(layer.op(), x, k);
    }

    private static NDArray binary(Binary.Op op, NDArray a, NDArray b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case POW -> a.pow(b);
            case MAX -> a.maximum(b);
            case MIN -> a.minimum(b);
        };
    }

    /** A reduction one axis at a time (the engine's max and min take one), axes kept until the end. */
    @Override
    public NDArray reduce(Reduce layer) {
        int rank = x.getShape().dimension();
        int[] axes = Arrays.stream(layer.axes()).map(a -> a < 0 ? a + rank : a).sorted().toArray();
        NDArray y = x;
        for (int a : axes) {
            int[] one = {a};
            y = switch (layer.op()) {
                case MEAN -> y.mean(one, true);
                case SUM -> y.sum(one, true);
                case MAX -> y.max(one, true);
                case MIN -> y.min(one, true);
            };
        }
        return layer.keepDims() ? y : y.squeeze(axes);
    }

    @Override
    public NDArray layerNorm(org.sham4j.model.graph.LayerNorm layer) {
        Shape s = x.getShape();
        int axis = layer.axis() < 0 ? layer.axis() + s.dimension() : layer.axis();
        Shape normalized = s.slice(axis);
        NDArray gamma = x.getManager().create(layer.scale(), normalized);
        NDArray beta = layer.bias() == null ? gamma.zerosLike() : x.getManager().create(layer.bias(), normalized);
        return LayerNorm.layerNorm(x, normalized, gamma, beta, layer.epsilon()).singletonOrThrow();
    }

    @Override
    public NDArray pad(Pad layer) {
        if (layer.mode() == Pad.Mode.CONSTANT) {
            return x.pad(padShape(layer.begin(), layer.end()), layer.value());
        }
        NDArray y = x;
        for (int a = 0; a < layer.begin().length; a++) {
            int b = layer.begin()[a];
            int e = layer.end()[a];
            if (b == 0 && e == 0) {
                continue;
            }
            long n = y.getShape().get(a);
            boolean edge = layer.mode() == Pad.Mode.EDGE;
            NDList parts = new NDList();
            if (b > 0) {
                parts.add(edge ? y.get(NDIndex.sliceAxis(a, 0, 1)).repeat(a, b)
                        : y.get(NDIndex.sliceAxis(a, 1, b + 1)).flip(a));
            }
            parts.add(y);
            if (e > 0) {
                parts.add(edge ? y.get(NDIndex.sliceAxis(a, n - 1, n)).repeat(a, e)
                        : y.get(NDIndex.sliceAxis(a, n - 1 - e, n - 1)).flip(a));
            }
            y = NDArrays.concat(parts, a);
        }
        return y;
    }

    @Override
    public NDArray slice(Slice layer) {
        Shape s = x.getShape();
        long[][] bounds = new long[s.dimension()][];
        for (int k = 0; k < layer.axes().length; k++) {
            int a = layer.axes()[k] < 0 ? layer.axes()[k] + s.dimension() : layer.axes()[k];
            int[] r = layer.range(k, (int) s.get(a));
            int step = layer.steps()[k];
            bounds[a] = new long[] {r[0], r[0] + (long) Math.max(0, r[1] - 1) * step + (r[1] == 0 ? 0 : 1), step};
        }
        NDIndex index = new NDIndex();
        for (long[] b : bounds) {
            if (b == null) {
                index.addAllDim();
            } else {
                index.addSliceDim(b[0], b[1], b[2]);
            }
        }
        return x.get(index);
    }

    /**
     * A transposed convolution as the plain convolution it equals (DJL's PyTorch engine has none): the input with
     * stride − 1 zeros between positions, padded by dilation·(kernel − 1) minus the pads (plus the output padding
     * at the end; a negative amount cuts), convolved with the kernel flipped and its channel axes swapped per
     * group.
     */
    @Override
    public NDArray convTranspose(ConvTranspose layer) {
        int dims = layer.dims();
        int groups = layer.groups();
        int inG = layer.inChannels() / groups;
        int outG = layer.outChannels() / groups;
        long[] grouped = new long[3 + dims];
        grouped[0] = groups;
        grouped[1] = inG;
        grouped[2] = outG;
        long[] kernel = new long[2 + dims];
        kernel[0] = layer.outChannels();
        kernel[1] = inG;
        int[] perm = new int[3 + dims];
        perm[0] = 0;
        perm[1] = 2;
        perm[2] = 1;
        int[] spatial = new int[dims];
        for (int d = 0; d < dims; d++) {
            grouped[3 + d] = layer.kernel()[d];
            kernel[2 + d] = layer.kernel()[d];
            perm[3 + d] = 3 + d;
            spatial[d] = 2 + d;
        }
        NDArray k = w.reshape(grouped).transpose(perm).reshape(kernel).flip(spatial);
        NDArray y = x;
        for (int d = 0; d < dims; d++) {
            y = spread(y, 2 + d, layer.strides()[d]);
            int reach = layer.dilations()[d] * (layer.kernel()[d] - 1);
            y = padOrCut(y, 2 + d, reach - layer.padsBegin()[d], reach - layer.padsEnd()[d]
                    + layer.outputPadding()[d]);
        }
        Shape ones = new Shape(Arrays.stream(new long[dims]).map(v -> 1).toArray());
        Shape zero = new Shape(new long[dims]);
        NDArray bias = b != null ? b : x.getManager().zeros(new Shape(layer.outChannels()));
        return (dims == 1 ? Conv1d.conv1d(y, k, bias, ones, zero, shape(layer.dilations()), groups)
                : Conv2d.conv2d(y, k, bias, ones, zero, shape(layer.dilations()), groups)).singletonOrThrow();
    }

    /** {@code x} with {@code stride} − 1 zeros between consecutive positions along {@code axis}. */
    private static NDArray spread(NDArray x, int axis, int stride) {
        if (stride == 1) {
            return x;
        }
        NDArray last = x.expandDims(axis + 1);
        NDList parts = new NDList(last);
        for (int i = 1; i < stride; i++) {
            parts.add(last.zerosLike());
        }
        NDArray joined = NDArrays.concat(parts, axis + 1);
        long[] shape = x.getShape().getShape().clone();
        long n = shape[axis];
        shape[axis] = n * stride;
        return joined.reshape(shape).get(NDIndex.sliceAxis(axis, 0, (n - 1) * stride + 1));
    }

    /** {@code x} with {@code begin} and {@code end} zeros added along {@code axis}, or as many cut where negative. */
    private static NDArray padOrCut(NDArray x, int axis, int begin, int end) {
        long n = x.getShape().get(axis);
        NDArray y = x.get(NDIndex.sliceAxis(axis, Math.max(0, -begin), n - Math.max(0, -end)));
        if (begin <= 0 && end <= 0) {
            return y;
        }
        int rank = y.getShape().dimension();
        long[] pad = new long[2 * (rank - axis)];
        pad[2 * (rank - 1 - axis)] = Math.max(0, begin);
        pad[2 * (rank - 1 - axis) + 1] = Math.max(0, end);
        return y.pad(new Shape(pad), 0);
    }

    @Override
    public NDArray recurrent(Recurrent layer) {
        long steps = x.getShape().get(0);
        long n = x.getShape().get(1);
        int hidden = layer.hidden();
        NDArray h = x.getManager().zeros(new Shape(n, hidden));
        NDArray c = h;
        NDArray[] out = new NDArray[(int) steps];
        for (int s = 0; s < steps; s++) {
            int t = layer.reverse() ? (int) steps - 1 - s : s;
            NDArray xt = x.get(t);
            NDArray rec = h.matMul(w);
            if (b != null) {
                rec = rec.add(b);
            }
            if (layer.cell() == Recurrent.Cell.LSTM) {
                NDList g = xt.add(rec).split(4, 1);
                NDArray i = ai.djl.nn.Activation.sigmoid(g.get(0));
                NDArray o = ai.djl.nn.Activation.sigmoid(g.get(1));
                NDArray f = ai.djl.nn.Activation.sigmoid(g.get(2));
                c = f.mul(c).add(i.mul(g.get(3).tanh()));
                h = o.mul(c.tanh());
            } else {
                NDList gx = xt.split(3, 1);
                NDList gr = rec.split(3, 1);
                NDArray z = ai.djl.nn.Activation.sigmoid(gx.get(0).add(gr.get(0)));
                NDArray r = ai.djl.nn.Activation.sigmoid(gx.get(1).add(gr.get(1)));
                NDArray candidate;
                if (layer.linearBeforeReset()) {
                    candidate = gx.get(2).add(r.mul(gr.get(2))).tanh();
                } else {
                    NDArray rh = r.mul(h).matMul(w).split(3, 1).get(2);
                    NDArray bh = b == null ? rh : rh.add(b.split(3).get(2));
                    candidate = gx.get(2).add(bh).tanh();
                }
                h = z.neg().add(1).mul(candidate).add(z.mul(h));
            }
            out[t] = h;
        }
        return NDArrays.stack(new NDList(out), 0);
    }

    /** PyTorch's (out, in / groups, kernel...) kernel of the layer's im2col matrix, its transpose. */
    private static NDArray kernel(Conv c, NDArray w) {
        long[] shape = new long[2 + c.dims()];
        shape[0] = c.outChannels();
        shape[1] = c.inChannels() / c.groups();
        for (int d = 0; d < c.dims(); d++) {
            shape[2 + d] = c.kernel()[d];
        }
        return w.transpose().reshape(shape);
    }

    private static NDArray conv(Conv c, NDArray x, NDArray matrix, NDArray b) {
        NDArray w = kernel(c, matrix);
        int dims = c.dims();
        NDArray input = x;
        long[] pad = new long[dims];
        if (Arrays.equals(c.padsBegin(), c.padsEnd())) {
            for (int d = 0; d < dims; d++) {
                pad[d] = c.padsBegin()[d];
            }
        } else {
            input = x.pad(padShape(c.padsBegin(), c.padsEnd()), 0);
        }
        NDArray bias = b != null ? b : x.getManager().zeros(new Shape(c.outChannels()));
        Shape stride = shape(c.strides());
        Shape dilation = shape(c.dilations());
        NDList out = dims == 1
                ? Conv1d.conv1d(input, w, bias, stride, new Shape(pad), dilation, c.groups())
                : Conv2d.conv2d(input, w, bias, stride, new Shape(pad), dilation, c.groups());
        return out.singletonOrThrow();
    }

    private static NDArray pool(org.sham4j.model.graph.Pool p, NDArray x) {
        if (Arrays.stream(p.dilations()).anyMatch(d -> d > 1)) {
            return dilatedPool(p, x);
        }
        boolean max = p.poolKind() == PoolKind.MAX;
        NDArray input = x;
        Shape pad = shape(p.padsBegin());
        if (!Arrays.equals(p.padsBegin(), p.padsEnd())) {
            if (!max && !p.countIncludePad()) {
                throw new IllegalArgumentException("average pooling with uneven padding that excludes the padding");
            }
            input = x.pad(padShape(p.padsBegin(), p.padsEnd()), max ? Float.NEGATIVE_INFINITY : 0);
            pad = new Shape(new long[p.dims()]);
        }
        Shape kernel = shape(p.kernel());
        Shape stride = shape(p.strides());
        if (max) {
            return p.dims() == 1 ? Pool.maxPool1d(input, kernel, stride, pad, p.ceilMode())
                    : Pool.maxPool2d(input, kernel, stride, pad, p.ceilMode());
        }
        NDArray sum = averagePool(input, p.dims(), kernel, stride, pad, p.ceilMode());
        if (p.countIncludePad()) {
            return sum;
        }
        // DJL's PyTorch pooling always counts the padding: divide by the share of each window that is data
        return sum.div(averagePool(input.onesLike(), p.dims(), kernel, stride, pad, p.ceilMode()));
    }

    /**
     * Pooling over dilated windows (DJL's pooling has no dilation): the elementwise max or sum of one strided
     * slice of the padded input per kernel position, divided for an average by the same sum over a mask of the
     * positions that count.
     */
    private static NDArray dilatedPool(org.sham4j.model.graph.Pool p, NDArray x) {
        boolean max = p.poolKind() == PoolKind.MAX;
        int dims = p.dims();
        long[] begin = new long[dims];
        long[] end = new long[dims];
        int[] out = new int[dims];
        for (int d = 0; d < dims; d++) {
            int size = (int) x.getShape().get(2 + d);
            out[d] = org.sham4j.model.graph.Windows.outputSize(size, p.kernel()[d], p.strides()[d], p.padsBegin()[d],
                    p.padsEnd()[d], p.dilations()[d], p.ceilMode());
            long reach = (long) (out[d] - 1) * p.strides()[d] + (long) (p.kernel()[d] - 1) * p.dilations()[d] + 1;
            begin[d] = p.padsBegin()[d];
            end[d] = Math.max(p.padsEnd()[d], reach - size - p.padsBegin()[d]);
        }
        float fill = max ? Float.NEGATIVE_INFINITY : 0f;
        NDArray padded = x.pad(padShape(begin, end), fill);
        NDArray count = null;
        if (!max) {
            NDArray ones = x.onesLike();
            NDArray mask = ones.pad(padShape(begin, end), 0);
            if (p.countIncludePad()) {
                long[] inPad = new long[dims];
                for (int d = 0; d < dims; d++) {
                    inPad[d] = p.padsEnd()[d];
                }
                mask = ones.pad(padShape(begin, inPad), 1).pad(padShape(new long[dims], minus(end, inPad)), 0);
            }
            count = windowSum(mask, p, out, false);
        }
        NDArray y = windowSum(padded, p, out, max);
        return max ? y : y.div(count);
    }

    private static long[] minus(long[] a, long[] b) {
        long[] c = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    /** The elementwise max (or sum) over kernel positions of the strided slices of a padded input. */
    private static NDArray windowSum(NDArray padded, org.sham4j.model.graph.Pool p, int[] out, boolean max) {
        int dims = p.dims();
        int positions = Arrays.stream(p.kernel()).reduce(1, (a, b) -> a * b);
        NDArray acc = null;
        for (int q = 0; q < positions; q++) {
            NDIndex index = new NDIndex().addAllDim().addAllDim();
            for (int d = 0, rest = q; d < dims; d++) {
                int stride = Arrays.stream(p.kernel(), d + 1, dims).reduce(1, (a, b) -> a * b);
                int k = rest / stride;
                rest %= stride;
                long start = (long) k * p.dilations()[d];
                index.addSliceDim(start, start + (long) (out[d] - 1) * p.strides()[d] + 1, p.strides()[d]);
            }
            NDArray slice = padded.get(index);
            acc = acc == null ? slice : max ? acc.maximum(slice) : acc.add(slice);
        }
        return acc;
    }

    private static NDArray averagePool(NDArray x, int dims, Shape kernel, Shape stride, Shape pad, boolean ceil) {
        return dims == 1 ? Pool.avgPool1d(x, kernel, stride, pad, ceil, true)
                : Pool.avgPool2d(x, kernel, stride, pad, ceil, true);
    }

    private static NDArray batchNorm(BatchNorm bn, NDArray x) {
        int c = bn.scale().length;
        long[] shape = new long[x.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[1] = c;
        float[] mul = new float[c];
        float[] add = new float[c];
        for (int k = 0; k < c; k++) {
            mul[k] = (float) (bn.scale()[k] / Math.sqrt((double) bn.variance()[k] + bn.epsilon()));
            add[k] = bn.bias()[k] - bn.mean()[k] * mul[k];
        }
        Shape s = new Shape(shape);
        return x.mul(x.getManager().create(mul, s)).add(x.getManager().create(add, s));
    }

    /** PyTorch's pad order: last axis first, begin then end. */
    private static Shape padShape(int[] begin, int[] end) {
        return padShape(Arrays.stream(begin).asLongStream().toArray(), Arrays.stream(end).asLongStream().toArray());
    }

    private static Shape padShape(long[] begin, long[] end) {
        long[] p = new long[2 * begin.length];
        for (int d = 0; d < begin.length; d++) {
            int axis = begin.length - 1 - d;
            p[2 * d] = begin[axis];
            p[2 * d + 1] = end[axis];
        }
        return new Shape(p);
    }

    private static Shape shape(int[] values) {
        return new Shape(Arrays.stream(values).asLongStream().toArray());
    }
}
