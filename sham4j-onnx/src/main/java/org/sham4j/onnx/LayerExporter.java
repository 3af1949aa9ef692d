package org.sham4j.onnx;

import static org.sham4j.onnx.ExportContext.integer;
import static org.sham4j.onnx.ExportContext.ints;
import static org.sham4j.onnx.ExportContext.real;
import static org.sham4j.onnx.ExportContext.text;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.TensorShape;
import org.sham4j.model.graph.Transpose;
import org.sham4j.model.graph.Windows;

/**
 * Writes one graph node as ONNX nodes of the chosen opset, with its weights decoded to float32 initializers.
 * The import reads each back to the same layer: Dense as Gemm (MatMul and Add above rank 2), GlobalPool
 * without kept axes as ReduceMean or ReduceMax over the spatial axes, an Embedding as Gather (after a Cast to
 * int64 unless its input is an int64 model input), a recurrence with the Dense that projects its input as one
 * LSTM or GRU, Gelu (before opset 20) and Silu as the operations PyTorch writes for them.
 */
final class LayerExporter {
    private final ExportContext out;
    private final int opset;
    private final Set<String> integerInputs;
    private final Map<String, TensorShape> shapes;
    private final Map<String, Node> fused;
    private final Set<String> fusedNames = new HashSet<>();

    /**
     * @param integerInputs model inputs declared int64 (read only by Embeddings)
     * @param shapes        the shape of every tensor
     * @param fused         the Dense node that projects a recurrence's input, by the recurrent node's name
     */
    LayerExporter(ExportContext out, int opset, Set<String> integerInputs, Map<String, TensorShape> shapes,
            Map<String, Node> fused) {
        this.out = out;
        this.opset = opset;
        this.integerInputs = integerInputs;
        this.shapes = shapes;
        this.fused = fused;
        fused.values().forEach(n -> fusedNames.add(n.name()));
    }

    void export(Node node) {
        if (!fusedNames.contains(node.name())) {
            node.layer().accept(new NodeWriter(node));
        }
    }

    private String matrix(String base, CompressedMatrix w) {
        return out.floats(base, new int[] {w.rows(), w.cols()}, w.toDense().data());
    }

    /** Axes as an attribute before {@code inputFrom}, else as an int64 input appended to {@code inputs}. */
    private AttributeProto[] axes(String base, int[] axes, int inputFrom, List<String> inputs) {
        if (opset < inputFrom) {
            return new AttributeProto[] {ints("axes", axes)};
        }
        inputs.add(out.longs(base, Arrays.stream(axes).asLongStream().toArray()));
        return new AttributeProto[0];
    }

    /** Writes one node: each visit adds its ONNX nodes and initializers. */
    private final class NodeWriter implements LayerVisitor<Void> {
        private final Node node;
        private final String name;
        private final String x;
        private final String y;

        NodeWriter(Node node) {
            this.node = node;
            this.name = node.name();
            this.x = node.inputs().get(0);
            this.y = node.output();
        }

        /** A fresh tensor name for an intermediate result. */
        private String tmp(String what) {
            return out.fresh(name + "/" + what);
        }

        @Override
        public Void dense(Dense d) {
            String w = matrix(name + "/weight", d.weights());
            if (shapes.get(x).rank() == 2) {
                List<String> in = new ArrayList<>(List.of(x, w));
                if (d.bias() != null) {
                    in.add(out.floats(name + "/bias", new int[] {d.bias().length}, d.bias()));
                }
                out.node("Gemm", name, in, y);
            } else if (d.bias() == null) {
                out.node("MatMul", name, List.of(x, w), y);
            } else {
                String product = tmp("matmul");
                out.node("MatMul", name, List.of(x, w), product);
                out.node("Add", name + "/bias", List.of(product, out.floats(name + "/bias",
                        new int[] {d.bias().length}, d.bias())), y);
            }
            return null;
        }

        @Override
        public Void conv(Conv c) {
            int[] dims = new int[c.dims() + 2];
            dims[0] = c.outChannels();
            dims[1] = c.inChannels() / c.groups();
            System.arraycopy(c.kernel(), 0, dims, 2, c.dims());
            List<String> in = new ArrayList<>(List.of(x, out.floats(name + "/weight", dims,
                    WeightLayouts.onnxKernel(c.weights()))));
            if (c.bias() != null) {
                in.add(out.floats(name + "/bias", new int[] {c.bias().length}, c.bias()));
            }
            out.node("Conv", name, in, y, ints("kernel_shape", c.kernel()), ints("strides", c.strides()),
                    ints("pads", c.padsBegin(), c.padsEnd()), ints("dilations", c.dilations()),
                    integer("group", c.groups()));
            return null;
        }

        @Override
        public Void convTranspose(ConvTranspose c) {
            int[] dims = new int[c.dims() + 2];
            dims[0] = c.inChannels();
            dims[1] = c.outChannels() / c.groups();
            System.arraycopy(c.kernel(), 0, dims, 2, c.dims());
            List<String> in = new ArrayList<>(List.of(x, out.floats(name + "/weight", dims,
                    c.weights().toDense().data())));
            if (c.bias() != null) {
                in.add(out.floats(name + "/bias", new int[] {c.bias().length}, c.bias()));
            }
            out.node("ConvTranspose", name, in, y, ints("kernel_shape", c.kernel()), ints("strides", c.strides()),
                    ints("pads", c.padsBegin(), c.padsEnd()), ints("dilations", c.dilations()),
                    ints("output_padding", c.outputPadding()), integer("group", c.groups()));
            return null;
        }

        @Override
        public Void pool(Pool p) {
            List<AttributeProto> a = new ArrayList<>(List.of(ints("kernel_shape", p.kernel()),
                    ints("strides", p.strides()), ints("pads", p.padsBegin(), p.padsEnd()),
                    integer("ceil_mode", p.ceilMode() ? 1 : 0)));
            boolean dilated = Arrays.stream(p.dilations()).anyMatch(d -> d != 1);
            if (dilated) {
                a.add(ints("dilations", p.dilations()));
            }
            if (p.poolKind() == PoolKind.MAX) {
                out.node("MaxPool", name, List.of(x), y, a.toArray(AttributeProto[]::new));
                return null;
            }
            if (opset < 19 && dilated) {
                throw new IllegalArgumentException("AveragePool with dilations needs opset 19");
            }
            if (opset < 19 && p.countIncludePad() && p.ceilMode() && windowsPassPadding(p)) {
                throw new IllegalArgumentException("AveragePool with count_include_pad and ceil mode divides its last "
                        + "windows as the graph does only from opset 19");
            }
            a.add(integer("count_include_pad", p.countIncludePad() ? 1 : 0));
            out.node("AveragePool", name, List.of(x), y, a.toArray(AttributeProto[]::new));
            return null;
        }

        /** Whether a ceil-mode window reaches past the end padding (where opsets before 19 divide differently). */
        private boolean windowsPassPadding(Pool p) {
            TensorShape s = shapes.get(x);
            for (int k = 0; k < p.dims(); k++) {
                int in = s.dim(2 + k);
                int o = Windows.outputSize(in, p.kernel()[k], p.strides()[k], p.padsBegin()[k], p.padsEnd()[k],
                        p.dilations()[k], true);
                if ((long) (o - 1) * p.strides()[k] - p.padsBegin()[k] + (long) (p.kernel()[k] - 1)
                        * p.dilations()[k] + 1 > (long) in + p.padsEnd()[k]) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Void globalPool(GlobalPool g) {
            if (g.keepDims()) {
                out.node(g.poolKind() == PoolKind.MAX ? "GlobalMaxPool" : "GlobalAveragePool", name, List.of(x), y);
                return null;
            }
            int[] spatial = IntStream.range(2, shapes.get(x).rank()).toArray();
            List<String> in = new ArrayList<>(List.of(x));
            AttributeProto[] a = axes(name + "/axes", spatial, 18, in);
            List<AttributeProto> attrs = new ArrayList<>(Arrays.asList(a));
            attrs.add(integer("keepdims", 0));
            out.node(g.poolKind() == PoolKind.MAX ? "ReduceMax" : "ReduceMean", name, in, y,
                    attrs.toArray(AttributeProto[]::new));
            return null;
        }

        @Override
        public Void flatten(Flatten f) {
            out.node("Flatten", name, List.of(x), y, integer("axis", f.axis()));
            return null;
        }

        @Override
        public Void reshape(Reshape r) {
            long[] shape = Arrays.stream(r.shape()).asLongStream().toArray();
            out.node("Reshape", name, List.of(x, out.longs(name + "/shape", shape)), y);
            return null;
        }

        @Override
        public Void transpose(Transpose t) {
            out.node("Transpose", name, List.of(x), y, ints("perm", t.perm()));
            return null;
        }

        @Override
        public Void embedding(Embedding e) {
            String table = out.floats(name + "/table", new int[] {e.table().rows(), e.table().cols()},
                    e.table().data());
            String indices = x;
            if (!integerInputs.contains(x)) {
                indices = out.fresh(x + "/int64");
                out.node("Cast", name + "/indices", List.of(x), indices,
                        integer("to", TensorProto.DataType.INT64_VALUE));
            }
            out.node("Gather", name, List.of(table, indices), y, integer("axis", 0));
            return null;
        }

        @Override
        public Void concat(Concat c) {
            out.node("Concat", name, node.inputs(), y, integer("axis", c.axis()));
            return null;
        }

        @Override
        public Void add(Add a) {
            out.node(node.inputs().size() == 2 ? "Add" : "Sum", name, node.inputs(), y);
            return null;
        }

        @Override
        public Void batchNorm(BatchNorm b) {
            int[] c = {b.scale().length};
            out.node("BatchNormalization", name, List.of(x, out.floats(name + "/scale", c, b.scale()),
                    out.floats(name + "/bias", c, b.bias()), out.floats(name + "/mean", c, b.mean()),
                    out.floats(name + "/variance", c, b.variance())), y, real("epsilon", b.epsilon()));
            return null;
        }

        @Override
        public Void dropout(Dropout d) {
            out.node("Dropout", name, List.of(x, out.scalar(name + "/ratio", d.rate())), y);
            return null;
        }

        @Override
        public Void activation(Activation a) {
            Activation.Function f = a.function();
            switch (f) {
                case RELU, TANH, SIGMOID, ERF, EXP, LOG, SQRT, ABS, NEG, SOFTPLUS -> out.node(f.op(), name,
                        List.of(x), y);
                case LEAKY_RELU, ELU -> out.node(f.op(), name, List.of(x), y, real("alpha", a.alpha()));
                case SELU -> out.node(f.op(), name, List.of(x), y, real("alpha", a.alpha()), real("gamma", a.beta()));
                case HARD_SIGMOID -> out.node(f.op(), name, List.of(x), y, real("alpha", a.alpha()),
                        real("beta", a.beta()));
                case CLIP -> out.node(f.op(), name, List.of(x,
                        Float.isInfinite(a.alpha()) ? "" : out.scalar(name + "/min", a.alpha()),
                        Float.isInfinite(a.beta()) ? "" : out.scalar(name + "/max", a.beta())), y);
                case HARD_SWISH -> {
                    if (opset >= 14) {
                        out.node(f.op(), name, List.of(x), y);
                    } else {
                        String gate = tmp("hard_sigmoid");
                        out.node("HardSigmoid", name + "/gate", List.of(x), gate, real("alpha", 1f / 6),
                                real("beta", 0.5f));
                        out.node("Mul", name, List.of(x, gate), y);
                    }
                }
                case GELU -> {
                    if (opset >= 20) {
                        out.node(f.op(), name, List.of(x), y);
                    } else {
                        String scaled = tmp("div");
                        String erf = tmp("erf");
                        String plus = tmp("add");
                        String times = tmp("mul");
                        out.node("Div", name + "/div", List.of(x, out.scalar(name + "/sqrt2", (float) Math.sqrt(2))),
                                scaled);
                        out.node("Erf", name + "/erf", List.of(scaled), erf);
                        out.node("Add", name + "/add", List.of(erf, out.scalar(name + "/one", 1f)), plus);
                        out.node("Mul", name + "/mul", List.of(x, plus), times);
                        out.node("Mul", name, List.of(times, out.scalar(name + "/half", 0.5f)), y);
                    }
                }
                case SILU -> {
                    String gate = tmp("sigmoid");
                    out.node("Sigmoid", name + "/sigmoid", List.of(x), gate);
                    out.node("Mul", name, List.of(x, gate), y);
                }
            }
            return null;
        }

        @Override
        public Void softmax(Softmax s) {
            out.node(s.log() ? "LogSoftmax" : "Softmax", name, List.of(x), y, integer("axis", s.axis()));
            return null;
        }

        @Override
        public Void binary(Binary b) {
            List<String> in = new ArrayList<>(node.inputs());
            if (b.constant() != null) {
                String c = out.floats(name + "/constant", b.constant().shape(), b.constant().data());
                in.add(b.constantFirst() ? 0 : 1, c);
            }
            out.node(b.op().op(), name, in, y);
            return null;
        }

        @Override
        public Void reduce(Reduce r) {
            List<String> in = new ArrayList<>(List.of(x));
            List<AttributeProto> attrs = new ArrayList<>(Arrays.asList(axes(name + "/axes", r.axes(),
                    r.op() == Reduce.Op.SUM ? 13 : 18, in)));
            attrs.add(integer("keepdims", r.keepDims() ? 1 : 0));
            out.node(r.op().op(), name, in, y, attrs.toArray(AttributeProto[]::new));
            return null;
        }

        @Override
        public Void layerNorm(LayerNorm l) {
            TensorShape s = shapes.get(x);
            int axis = l.axis() < 0 ? l.axis() + s.rank() : l.axis();
            int[] normalized = Arrays.copyOfRange(s.dims(), axis, s.rank());
            if (Arrays.stream(normalized).anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException("normalised axes of unknown size " + s);
            }
            String scale = out.floats(name + "/scale", normalized, l.scale());
            String bias = l.bias() == null ? null : out.floats(name + "/bias", normalized, l.bias());
            if (opset >= 17) {
                List<String> in = new ArrayList<>(List.of(x, scale));
                if (bias != null) {
                    in.add(bias);
                }
                out.node("LayerNormalization", name, in, y, integer("axis", l.axis()), real("epsilon", l.epsilon()));
                return null;
            }
            int[] axes = IntStream.range(axis, s.rank()).toArray();
            String mean = tmp("mean");
            String centred = tmp("centred");
            String square = tmp("square");
            String variance = tmp("variance");
            String shifted = tmp("variance_eps");
            String deviation = tmp("deviation");
            String normal = tmp("normalised");
            String scaled = bias == null ? y : tmp("scaled");
            out.node("ReduceMean", name + "/mean", List.of(x), mean, ints("axes", axes), integer("keepdims", 1));
            out.node("Sub", name + "/sub", List.of(x, mean), centred);
            out.node("Mul", name + "/square", List.of(centred, centred), square);
            out.node("ReduceMean", name + "/variance", List.of(square), variance, ints("axes", axes),
                    integer("keepdims", 1));
            out.node("Add", name + "/epsilon", List.of(variance, out.scalar(name + "/eps", l.epsilon())), shifted);
            out.node("Sqrt", name + "/sqrt", List.of(shifted), deviation);
            out.node("Div", name + "/div", List.of(centred, deviation), normal);
            out.node("Mul", bias == null ? name : name + "/scale", List.of(normal, scale), scaled);
            if (bias != null) {
                out.node("Add", name, List.of(scaled, bias), y);
            }
            return null;
        }

        @Override
        public Void pad(Pad p) {
            long[] pads = new long[2 * p.begin().length];
            for (int k = 0; k < p.begin().length; k++) {
                pads[k] = p.begin()[k];
                pads[p.begin().length + k] = p.end()[k];
            }
            List<String> in = new ArrayList<>(List.of(x, out.longs(name + "/pads", pads)));
            if (p.mode() == Pad.Mode.CONSTANT) {
                in.add(out.scalar(name + "/value", p.value()));
            }
            out.node("Pad", name, in, y, text("mode", p.mode().name().toLowerCase(Locale.ROOT)));
            return null;
        }

        @Override
        public Void slice(Slice s) {
            out.node("Slice", name, List.of(x, longs("starts", s.starts()), longs("ends", s.ends()),
                    longs("axes", s.axes()), longs("steps", s.steps())), y);
            return null;
        }

        private String longs(String what, int[] values) {
            return out.longs(name + "/" + what, Arrays.stream(values).asLongStream().toArray());
        }

        @Override
        public Void recurrent(Recurrent r) {
            Node projection = fused.get(name);
            int width = r.gateWidth();
            String input = x;
            DenseMatrix w;
            float[] inputBias = null;
            if (projection != null) {
                Dense d = (Dense) projection.layer();
                input = projection.inputs().get(0);
                w = d.weights().toDense();
                inputBias = d.bias();
            } else {
                float[] identity = new float[width * width];
                for (int k = 0; k < width; k++) {
                    identity[k * width + k] = 1f;
                }
                w = new DenseMatrix(width, width, identity);
            }
            DenseMatrix rec = r.weights().toDense();
            float[] bias = new float[2 * width];
            if (inputBias != null) {
                System.arraycopy(inputBias, 0, bias, 0, width);
            }
            if (r.bias() != null) {
                System.arraycopy(r.bias(), 0, bias, width, width);
            }
            List<String> in = List.of(input,
                    out.floats(name + "/W", new int[] {1, width, w.rows()}, WeightLayouts.transpose(w.data(),
                            w.rows(), width)),
                    out.floats(name + "/R", new int[] {1, width, r.hidden()}, WeightLayouts.transpose(rec.data(),
                            r.hidden(), width)),
                    out.floats(name + "/B", new int[] {1, 2 * width}, bias));
            List<AttributeProto> attrs = new ArrayList<>(List.of(integer("hidden_size", r.hidden()),
                    text("direction", r.reverse() ? "reverse" : "forward")));
            if (r.cell() == Recurrent.Cell.GRU) {
                attrs.add(integer("linear_before_reset", r.linearBeforeReset() ? 1 : 0));
            }
            String states = tmp("Y");
            out.node(r.kind(), name, in, states, attrs.toArray(AttributeProto[]::new));
            out.node("Squeeze", name + "/squeeze", List.of(states, out.longs(name + "/axes", 1)), y);
            return null;
        }
    }
}
