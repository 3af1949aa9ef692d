package org.sham4j.model.graph;

import static org.sham4j.model.graph.TensorShape.UNKNOWN;
import static org.sham4j.model.graph.TensorShape.fits;
import static org.sham4j.model.graph.TensorShape.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shape of every tensor of a graph, node by node from the model inputs' shapes, with the batch symbolic
 * ({@link TensorShape}) or of a given size. A node whose inputs do not fit its layer (a channel count, a
 * reshape's size, a concatenation's other axes, its number of inputs) is an IllegalArgumentException naming
 * the node, so a graph is refused when it is built, not when it first runs.
 */
public final class ShapeInference implements LayerVisitor<TensorShape> {
    private final List<TensorShape> in;

    private ShapeInference(List<TensorShape> in) {
        this.in = in;
    }

    /** The shape of every tensor (model inputs, then node outputs in order), the batch symbolic. */
    public static Map<String, TensorShape> of(Graph graph) {
        return infer(graph.inputs(), graph.nodes(), symbolicInputs(graph.inputs()));
    }

    /** The shape of every tensor for a batch of {@code batch}; every input size must be known. */
    public static Map<String, int[]> forBatch(Graph graph, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a batch of " + batch);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        of(graph).forEach((name, shape) -> out.put(name, shape.forBatch(batch)));
        return out;
    }

    /**
     * The shape of every tensor when the model inputs have the given shapes (batch axis included): how much
     * memory a run on these inputs takes, tensor by tensor.
     */
    public static Map<String, int[]> forInputs(Graph graph, Map<String, int[]> inputShapes) {
        Map<String, TensorShape> given = new HashMap<>();
        for (InputSpec spec : graph.inputs()) {
            int[] s = inputShapes.get(spec.name());
            if (s == null) {
                throw new IllegalArgumentException("no shape for model input '" + spec.name() + "'");
            }
            given.put(spec.name(), TensorShape.of(s));
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        infer(graph.inputs(), graph.nodes(), given).forEach((name, shape) -> out.put(name, shape.forBatch(1)));
        return out;
    }

    /** The shape of a layer's output for these input shapes; an IllegalArgumentException says what does not fit. */
    public static TensorShape output(Layer layer, List<TensorShape> inputs) {
        try {
            return layer.accept(new ShapeInference(inputs));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a size overflows", e);
        }
    }

    /** The shape of a node's output for these input shapes; an IllegalArgumentException names the node. */
    public static TensorShape output(Node node, List<TensorShape> inputs) {
        try {
            return output(node.layer(), inputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + node.name() + " (" + node.layer().kind() + "): "
                    + e.getMessage(), e);
        }
    }

    static Map<String, TensorShape> symbolicInputs(List<InputSpec> inputs) {
        Map<String, TensorShape> shapes = new HashMap<>();
        for (InputSpec spec : inputs) {
            shapes.put(spec.name(), TensorShape.ofInput(spec));
        }
        return shapes;
    }

    /** Shapes of the inputs and of every node's output, in order, for the given input shapes. */
    static Map<String, TensorShape> infer(List<InputSpec> inputs, List<Node> nodes, Map<String, TensorShape> given) {
        Map<String, TensorShape> shapes = new LinkedHashMap<>();
        for (InputSpec spec : inputs) {
            shapes.put(spec.name(), given.get(spec.name()));
        }
        for (Node n : nodes) {
            List<TensorShape> args = n.inputs().stream().map(shapes::get).toList();
            shapes.put(n.output(), output(n, args));
        }
        return shapes;
    }

    /** The one input of a single-input layer. */
    private TensorShape one() {
        if (in.size() != 1) {
            throw new IllegalArgumentException("takes one input, got " + in.size());
        }
        return in.get(0);
    }

    private static IllegalArgumentException expects(TensorShape got, String expected) {
        return new IllegalArgumentException("input shape " + got + ", the layer expects " + expected);
    }

    private static int axis(int axis, int rank, String what) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + " axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    @Override
    public TensorShape dense(Dense layer) {
        TensorShape x = one();
        int rows = layer.weights().rows();
        if (x.rank() < 2 || !fits(x.dim(x.rank() - 1), rows)) {
            throw expects(x, "(N, " + rows + ")");
        }
        int[] d = x.dims();
        d[d.length - 1] = layer.weights().cols();
        return new TensorShape(d);
    }

    /** The one input of a convolution over {@code dims} spatial axes: (N, channels, spatial...). */
    private TensorShape convInput(int dims, int channels) {
        TensorShape x = one();
        if (x.rank() != dims + 2 || !fits(x.dim(1), channels)) {
            throw expects(x, "(N, " + channels + (dims == 2 ? ", H, W)" : ", L)"));
        }
        return x;
    }

    @Override
    public TensorShape conv(Conv layer) {
        int dims = layer.dims();
        TensorShape x = convInput(dims, layer.inChannels());
        int[] d = x.dims();
        d[1] = layer.outChannels();
        for (int k = 0; k < dims; k++) {
            d[2 + k] = window(x, 2 + k, layer.kernel()[k], layer.strides()[k], layer.padsBegin()[k],
                    layer.padsEnd()[k], layer.dilations()[k], false);
        }
        return new TensorShape(d);
    }

    /** The output size along a spatial axis of {@code x}; a size the window does not fit is an error. */
    private static int window(TensorShape x, int axis, int kernel, int stride, int padBegin, int padEnd,
            int dilation, boolean ceil) {
        int size = x.dim(axis);
        if (size == UNKNOWN) {
            return UNKNOWN;
        }
        if (size < 0) {
            throw new IllegalArgumentException("input shape " + x + " has the batch on spatial axis " + axis);
        }
        int out = Windows.outputSize(size, kernel, stride, padBegin, padEnd, dilation, ceil);
        if (out < 1) {
            throw new IllegalArgumentException("input shape " + x + " is smaller than the kernel");
        }
        return out;
    }

    @Override
    public TensorShape pool(Pool layer) {
        TensorShape x = one();
        int dims = layer.dims();
        if (x.rank() != dims + 2) {
            throw expects(x, dims == 2 ? "(N, C, H, W)" : "(N, C, L)");
        }
        int[] d = x.dims();
        for (int k = 0; k < dims; k++) {
            d[2 + k] = window(x, 2 + k, layer.kernel()[k], layer.strides()[k], layer.padsBegin()[k],
                    layer.padsEnd()[k], layer.dilations()[k], layer.ceilMode());
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape globalPool(GlobalPool layer) {
        TensorShape x = one();
        if (x.rank() < 3) {
            throw expects(x, "(N, C, spatial...)");
        }
        if (!layer.keepDims()) {
            return new TensorShape(new int[] {x.dim(0), x.dim(1)});
        }
        int[] d = x.dims();
        Arrays.fill(d, 2, d.length, 1);
        return new TensorShape(d);
    }

    @Override
    public TensorShape flatten(Flatten layer) {
        TensorShape x = one();
        int a = layer.axis() < 0 ? layer.axis() + x.rank() : layer.axis();
        if (a < 0 || a > x.rank()) {
            throw new IllegalArgumentException("axis " + layer.axis() + " is out of range for input shape " + x);
        }
        return new TensorShape(new int[] {x.product(0, a), x.product(a, x.rank())});
    }

    @Override
    public TensorShape reshape(Reshape layer) {
        TensorShape x = one();
        int[] target = layer.shape();
        String text = Arrays.stream(target).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
        int[] out = new int[target.length];
        int free = -1;
        int known = 1;
        for (int k = 0; k < target.length; k++) {
            if (target[k] == 0 && k >= x.rank()) {
                throw new IllegalArgumentException("input shape " + x + " has no axis " + k + " to keep for the "
                        + "shape " + text);
            }
            out[k] = target[k] == 0 ? x.dim(k) : target[k];
            if (target[k] == -1) {
                free = k;
            } else {
                known = TensorShape.times(known, out[k]);
            }
        }
        int total = x.product(0, x.rank());
        String problem = "input shape " + x + " cannot take the shape " + text;
        if (free >= 0) {
            out[free] = quotient(total, known, problem);
        } else if (total != known && total != UNKNOWN && known != UNKNOWN) {
            throw new IllegalArgumentException(problem);
        }
        return new TensorShape(out);
    }

    /** total / known for a reshape's free dimension, exact for every batch size. */
    private static int quotient(int total, int known, String problem) {
        if (total == UNKNOWN || known == UNKNOWN) {
            return UNKNOWN;
        }
        if (known == 0) {
            throw new IllegalArgumentException(problem);
        }
        if (total >= 0 && known > 0 && total % known == 0) {
            return total / known;
        }
        if (total < 0 && known > 0 && total % known == 0) {
            return total / known;
        }
        if (total < 0 && known < 0 && total % known == 0) {
            return total / known;
        }
        throw new IllegalArgumentException(problem + (total < 0 ? " for every batch size" : ""));
    }

    @Override
    public TensorShape transpose(Transpose layer) {
        TensorShape x = one();
        int[] perm = layer.perm();
        int rank = x.rank();
        if (perm.length == 0) {
            perm = new int[rank];
            for (int k = 0; k < rank; k++) {
                perm[k] = rank - 1 - k;
            }
        }
        if (perm.length != rank) {
            throw new IllegalArgumentException("input shape " + x + " does not fit perm " + Arrays.toString(perm));
        }
        int[] d = new int[rank];
        for (int k = 0; k < rank; k++) {
            d[k] = x.dim(perm[k]);
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape embedding(Embedding layer) {
        TensorShape x = one();
        int[] d = Arrays.copyOf(x.dims(), x.rank() + 1);
        d[x.rank()] = layer.table().cols();
        return new TensorShape(d);
    }

    @Override
    public TensorShape concat(Concat layer) {
        TensorShape first = in.get(0);
        int rank = first.rank();
        int a = axis(layer.axis(), rank, "concat");
        int[] d = first.dims();
        for (int k = 1; k < in.size(); k++) {
            TensorShape s = in.get(k);
            boolean ok = s.rank() == rank;
            for (int j = 0; ok && j < rank; j++) {
                ok = j == a || fits(s.dim(j), first.dim(j));
            }
            if (!ok) {
                throw new IllegalArgumentException("input shapes " + first + " and " + s + " differ off axis "
                        + layer.axis());
            }
            d[a] = TensorShape.plus(d[a], s.dim(a));
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape add(Add layer) {
        TensorShape out = in.get(0);
        for (int k = 1; k < in.size(); k++) {
            out = broadcast(out, in.get(k));
        }
        return out;
    }

    /** The shape two operands broadcast to, as ONNX (numpy) aligns them on their last axis. */
    static TensorShape broadcast(TensorShape a, TensorShape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] d = new int[rank];
        for (int k = 0; k < rank; k++) {
            int x = k - (rank - a.rank()) < 0 ? 1 : a.dim(k - (rank - a.rank()));
            int y = k - (rank - b.rank()) < 0 ? 1 : b.dim(k - (rank - b.rank()));
            if (x == y || y == 1) {
                d[k] = x;
            } else if (x == 1) {
                d[k] = y;
            } else if (x == UNKNOWN || y == UNKNOWN) {
                d[k] = x == UNKNOWN ? y : x;
            } else {
                throw new IllegalArgumentException("input shapes " + a + " and " + b + " do not broadcast (axis "
                        + k + ": " + text(x) + " and " + text(y) + ")");
            }
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape batchNorm(BatchNorm layer) {
        TensorShape x = one();
        if (x.rank() < 2 || !fits(x.dim(1), layer.scale().length)) {
            throw expects(x, "(N, " + layer.scale().length + ", ...)");
        }
        return x;
    }

    @Override
    public TensorShape dropout(Dropout layer) {
        return one();
    }

    @Override
    public TensorShape activation(Activation layer) {
        return one();
    }

    @Override
    public TensorShape softmax(Softmax layer) {
        TensorShape x = one();
        axis(layer.axis(), x.rank(), "softmax");
        return x;
    }

    @Override
    public TensorShape binary(Binary layer) {
        if (in.size() != layer.arity()) {
            throw new IllegalArgumentException("takes " + layer.arity() + " input" + (layer.arity() == 1 ? "" : "s")
                    + ", got " + in.size());
        }
        if (layer.constant() == null) {
            return broadcast(in.get(0), in.get(1));
        }
        TensorShape c = TensorShape.of(layer.constant().shape());
        return layer.constantFirst() ? broadcast(c, in.get(0)) : broadcast(in.get(0), c);
    }

    @Override
    public TensorShape reduce(Reduce layer) {
        TensorShape x = one();
        boolean[] reduced = new boolean[x.rank()];
        for (int a : layer.axes()) {
            reduced[axis(a, x.rank(), "reduction")] = true;
        }
        int[] d = new int[x.rank()];
        int r = 0;
        for (int k = 0; k < x.rank(); k++) {
            if (!reduced[k]) {
                d[r++] = x.dim(k);
            } else if (layer.keepDims()) {
                d[r++] = 1;
            }
        }
        return new TensorShape(Arrays.copyOf(d, r));
    }

    @Override
    public TensorShape layerNorm(LayerNorm layer) {
        TensorShape x = one();
        int a = axis(layer.axis(), x.rank(), "normalisation");
        int size = x.product(a, x.rank());
        if (!fits(size, layer.scale().length)) {
            throw expects(x, layer.scale().length + " values from axis " + layer.axis() + " on");
        }
        return x;
    }

    @Override
    public TensorShape pad(Pad layer) {
        TensorShape x = one();
        if (layer.begin().length != x.rank()) {
            throw expects(x, "rank " + layer.begin().length);
        }
        int[] d = x.dims();
        for (int k = 0; k < d.length; k++) {
            int add = Math.addExact(layer.begin()[k], layer.end()[k]);
            if (add > 0 && d[k] < 0) {
                throw new IllegalArgumentException("input shape " + x + ": padding axis " + k + " of unknown or "
                        + "batch size is not supported");
            }
            if (layer.mode() == Pad.Mode.REFLECT && (layer.begin()[k] >= d[k] || layer.end()[k] >= d[k])
                    && add > 0) {
                throw new IllegalArgumentException("input shape " + x + ": reflect padding must be shorter than axis "
                        + k);
            }
            if (layer.mode() == Pad.Mode.EDGE && d[k] == 0 && add > 0) {
                throw new IllegalArgumentException("input shape " + x + ": edge padding of an empty axis " + k);
            }
            d[k] = Math.addExact(d[k], add);
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape slice(Slice layer) {
        TensorShape x = one();
        int[] d = x.dims();
        for (int k = 0; k < layer.axes().length; k++) {
            int a = axis(layer.axes()[k], x.rank(), "slice");
            if (d[a] >= 0) {
                d[a] = layer.range(k, d[a])[1];
            } else if (!(layer.starts()[k] == 0 && layer.ends()[k] == Integer.MAX_VALUE && layer.steps()[k] == 1)) {
                throw new IllegalArgumentException("input shape " + x + ": slicing axis " + a + " of unknown or "
                        + "batch size is not supported");
            }
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape convTranspose(ConvTranspose layer) {
        int dims = layer.dims();
        TensorShape x = convInput(dims, layer.inChannels());
        int[] d = x.dims();
        d[1] = layer.outChannels();
        for (int k = 0; k < dims; k++) {
            int size = x.dim(2 + k);
            if (size == UNKNOWN) {
                continue;
            }
            if (size < 1) {
                throw new IllegalArgumentException("input shape " + x + " has no position on spatial axis " + (2 + k));
            }
            d[2 + k] = layer.outputSize(k, size);
            if (d[2 + k] < 1) {
                throw new IllegalArgumentException("input shape " + x + " gives no output position on spatial axis "
                        + (2 + k));
            }
        }
        return new TensorShape(d);
    }

    @Override
    public TensorShape recurrent(Recurrent layer) {
        TensorShape x = one();
        if (x.rank() != 3 || !fits(x.dim(2), layer.gateWidth())) {
            throw expects(x, "(T, N, " + layer.gateWidth() + ")");
        }
        return new TensorShape(new int[] {x.dim(0), x.dim(1), layer.hidden()});
    }
}
