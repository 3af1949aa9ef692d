package org.sham4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.List;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Reshape;
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
        return switch (layer.function()) {
            case RELU -> ai.djl.nn.Activation.relu(x);
            case TANH -> ai.djl.nn.Activation.tanh(x);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
        };
    }

    @Override
    public NDArray softmax(Softmax layer) {
        return x.softmax(layer.axis());
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
