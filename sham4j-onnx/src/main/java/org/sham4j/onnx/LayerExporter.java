package org.sham4j.onnx;

import static org.sham4j.onnx.ExportContext.integer;
import static org.sham4j.onnx.ExportContext.ints;
import static org.sham4j.onnx.ExportContext.real;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.TensorShape;
import org.sham4j.model.graph.Transpose;

/**
 * Writes one graph node as ONNX nodes of opset 19, with its weights decoded to float32 initializers. The
 * import reads each back to the same layer: Dense as Gemm, GlobalPool without kept axes as ReduceMean or
 * ReduceMax over the spatial axes, an Embedding as Gather (after a Cast to int64 unless its input is an int64
 * model input). Opset 19 is the first whose AveragePool with count_include_pad and ceil_mode divides as the
 * graph's Pool does.
 */
final class LayerExporter {
    private final ExportContext out;
    private final Set<String> integerInputs;
    private final Map<String, TensorShape> shapes;

    /**
     * @param integerInputs model inputs declared int64 (read only by Embeddings)
     * @param shapes        the shape of every tensor
     */
    LayerExporter(ExportContext out, Set<String> integerInputs, Map<String, TensorShape> shapes) {
        this.out = out;
        this.integerInputs = integerInputs;
        this.shapes = shapes;
    }

    void export(Node node) {
        node.layer().accept(new NodeWriter(node));
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

        @Override
        public Void dense(Dense d) {
            List<String> in = new ArrayList<>(List.of(x, matrix(name + "/weight", d.weights())));
            if (d.bias() != null) {
                in.add(out.floats(name + "/bias", new int[] {d.bias().length}, d.bias()));
            }
            out.node("Gemm", name, in, y);
            return null;
        }

        @Override
        public Void conv(Conv c) {
            LayerExporter.this.conv(node, c);
            return null;
        }

        @Override
        public Void pool(Pool p) {
            LayerExporter.this.pool(node, p);
            return null;
        }

        @Override
        public Void globalPool(GlobalPool g) {
            if (g.keepDims()) {
                out.node(g.poolKind() == PoolKind.MAX ? "GlobalMaxPool" : "GlobalAveragePool", name, List.of(x), y);
            } else {
                long[] axes = java.util.stream.LongStream.range(2, shapes.get(x).rank()).toArray();
                String a = out.longs(name + "/axes", new int[] {axes.length}, axes);
                out.node(g.poolKind() == PoolKind.MAX ? "ReduceMax" : "ReduceMean", name, List.of(x, a), y,
                        integer("keepdims", 0));
            }
            return null;
        }

        @Override
        public Void flatten(Flatten f) {
            out.node("Flatten", name, List.of(x), y, integer("axis", f.axis()));
            return null;
        }

        @Override
        public Void reshape(Reshape r) {
            long[] shape = java.util.Arrays.stream(r.shape()).asLongStream().toArray();
            out.node("Reshape", name, List.of(x, out.longs(name + "/shape", new int[] {shape.length}, shape)), y);
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
            String ratio = out.floats(name + "/ratio", new int[0], new float[] {d.rate()});
            out.node("Dropout", name, List.of(x, ratio), y);
            return null;
        }

        @Override
        public Void activation(Activation a) {
            out.node(a.kind(), name, List.of(x), y);
            return null;
        }

        @Override
        public Void softmax(Softmax s) {
            out.node("Softmax", name, List.of(x), y, integer("axis", s.axis()));
            return null;
        }
    }

    private String matrix(String base, CompressedMatrix w) {
        return out.floats(base, new int[] {w.rows(), w.cols()}, w.toDense().data());
    }

    private void conv(Node node, Conv c) {
        int[] dims = new int[c.dims() + 2];
        dims[0] = c.outChannels();
        dims[1] = c.inChannels() / c.groups();
        System.arraycopy(c.kernel(), 0, dims, 2, c.dims());
        List<String> in = new ArrayList<>(List.of(node.inputs().get(0),
                out.floats(node.name() + "/weight", dims, WeightLayouts.onnxKernel(c.weights()))));
        if (c.bias() != null) {
            in.add(out.floats(node.name() + "/bias", new int[] {c.bias().length}, c.bias()));
        }
        out.node("Conv", node.name(), in, node.output(), ints("kernel_shape", c.kernel()),
                ints("strides", c.strides()), ints("pads", c.padsBegin(), c.padsEnd()),
                ints("dilations", c.dilations()), integer("group", c.groups()));
    }

    private void pool(Node node, Pool p) {
        List<String> in = List.of(node.inputs().get(0));
        var kernel = ints("kernel_shape", p.kernel());
        var strides = ints("strides", p.strides());
        var pads = ints("pads", p.padsBegin(), p.padsEnd());
        var ceil = integer("ceil_mode", p.ceilMode() ? 1 : 0);
        if (p.poolKind() == PoolKind.MAX) {
            out.node("MaxPool", node.name(), in, node.output(), kernel, strides, pads, ceil);
        } else {
            out.node("AveragePool", node.name(), in, node.output(), kernel, strides, pads, ceil,
                    integer("count_include_pad", p.countIncludePad() ? 1 : 0));
        }
    }
}
