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
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/** Each graph layer as DJL operations on NDArrays (channels-first, as the graph's tensors are). */
final class NodeOps {
    private NodeOps() {
    }

    /** The layer's output; {@code w} and {@code b} are its weight and bias arrays, null where it has none. */
    static NDArray apply(Layer layer, List<NDArray> in, NDArray w, NDArray b, boolean training) {
        NDArray x = in.get(0);
        if (layer instanceof Dense) {
            NDArray y = x.matMul(w);
            return b == null ? y : y.add(b);
        } else if (layer instanceof Conv c) {
            return conv(c, x, w, b);
        } else if (layer instanceof org.sham4j.model.graph.Pool p) {
            return pool(p, x);
        } else if (layer instanceof GlobalPool g) {
            Shape s = x.getShape();
            NDArray flat = x.reshape(s.get(0), s.get(1), -1);
            NDArray y = g.poolKind() == PoolKind.MAX ? flat.max(new int[] {2}) : flat.mean(new int[] {2});
            if (!g.keepDims()) {
                return y;
            }
            long[] kept = new long[s.dimension()];
            Arrays.fill(kept, 1);
            kept[0] = s.get(0);
            kept[1] = s.get(1);
            return y.reshape(kept);
        } else if (layer instanceof Flatten f) {
            Shape s = x.getShape();
            int axis = f.axis() < 0 ? f.axis() + s.dimension() : f.axis();
            return x.reshape(s.slice(0, axis).size(), s.slice(axis).size());
        } else if (layer instanceof Reshape r) {
            long[] shape = new long[r.shape().length];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = r.shape()[k] == 0 ? x.getShape().get(k) : r.shape()[k];
            }
            return x.reshape(shape);
        } else if (layer instanceof Transpose t) {
            return x.transpose(t.perm());
        } else if (layer instanceof Embedding) {
            return ai.djl.nn.core.Embedding.embedding(x.toType(DataType.INT64, false), w, SparseFormat.DENSE)
                    .singletonOrThrow();
        } else if (layer instanceof Concat c) {
            return NDArrays.concat(new NDList(in), c.axis() < 0 ? c.axis() + x.getShape().dimension() : c.axis());
        } else if (layer instanceof Add) {
            NDArray sum = x;
            for (int k = 1; k < in.size(); k++) {
                sum = sum.add(in.get(k));
            }
            return sum;
        } else if (layer instanceof BatchNorm bn) {
            return batchNorm(bn, x);
        } else if (layer instanceof org.sham4j.model.graph.Dropout d) {
            return training && d.rate() > 0 ? DropoutMasks.apply(x, d.rate()) : x;
        } else if (layer instanceof Activation a) {
            return switch (a.function()) {
                case RELU -> ai.djl.nn.Activation.relu(x);
                case TANH -> ai.djl.nn.Activation.tanh(x);
                case SIGMOID -> ai.djl.nn.Activation.sigmoid(x);
            };
        } else if (layer instanceof Softmax s) {
            return x.softmax(s.axis());
        }
        throw new IllegalArgumentException("no DJL operation for " + layer.kind());
    }

    private static NDArray conv(Conv c, NDArray x, NDArray w, NDArray b) {
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
