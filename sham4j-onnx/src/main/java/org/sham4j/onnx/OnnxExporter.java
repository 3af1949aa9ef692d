package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.TensorShape;

/**
 * Writes a {@link Graph} as an ONNX model of a chosen opset (13 to 21, {@link #DEFAULT_OPSET} unless told) and
 * the IR version that goes with it, with float32 weights (decoded from whatever format holds them). Inputs and
 * outputs declare their shapes, the batch axis as the symbol {@code N}; an input read only by Embeddings is
 * int64. Recorded preprocessing goes to the metadata entry {@code sham4j.preprocessing}. Reading the file back
 * with {@link OnnxImporter} gives the same graph, weights exact to the bit (at opset 13, which has no HardSwish,
 * a HardSwish comes back as HardSigmoid and Mul).
 */
public final class OnnxExporter {
    /** Lowest opset written. */
    public static final int MIN_OPSET = 13;
    /** Highest opset written. */
    public static final int MAX_OPSET = 21;
    /** The opset written unless told: the highest that onnx 1.12's checker and ONNX Runtime 1.12+ read. */
    public static final int DEFAULT_OPSET = 17;

    private OnnxExporter() {
    }

    /** The IR version of the ONNX release that introduced {@code opset}. */
    public static int irVersion(int opset) {
        checkOpset(opset);
        return opset <= 14 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : 10;
    }

    private static void checkOpset(int opset) {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset " + opset + " is not supported for export (" + MIN_OPSET + " to "
                    + MAX_OPSET + " are)");
        }
    }

    /** Writes {@code graph} to {@code file} atomically at the default opset. */
    public static void write(Graph graph, Path file) throws IOException {
        write(graph, file, DEFAULT_OPSET);
    }

    /** Writes {@code graph} to {@code file} atomically at {@code opset}. */
    public static void write(Graph graph, Path file, int opset) throws IOException {
        ModelProto model = toModel(graph, opset);
        if (model.getSerializedSize() < 0) {
            throw new IOException(file + ": the model exceeds the 2 GB limit of an ONNX file");
        }
        AtomicFiles.write(file, model::writeTo);
    }

    /** The ONNX model of {@code graph} at the default opset. */
    public static ModelProto toModel(Graph graph) {
        return toModel(graph, DEFAULT_OPSET);
    }

    /**
     * The ONNX model of {@code graph} at {@code opset}; an IllegalArgumentException names a node that this opset
     * cannot express.
     */
    public static ModelProto toModel(Graph graph, int opset) {
        checkOpset(opset);
        GraphProto.Builder g = GraphProto.newBuilder().setName("sham4j");
        List<String> names = new ArrayList<>(graph.outputs());
        graph.inputs().forEach(i -> names.add(i.name()));
        graph.nodes().forEach(n -> names.add(n.output()));
        Set<String> integerInputs = integerInputs(graph);
        Map<String, TensorShape> shapes = graph.shapes();
        for (InputSpec in : graph.inputs()) {
            int type = integerInputs.contains(in.name()) ? TensorProto.DataType.INT64_VALUE
                    : TensorProto.DataType.FLOAT_VALUE;
            g.addInput(valueInfo(in.name(), type, shapes.get(in.name())));
        }
        LayerExporter layers = new LayerExporter(new ExportContext(g, names), opset, integerInputs, shapes,
                fusedProjections(graph));
        for (Node n : graph.nodes()) {
            try {
                layers.export(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node " + n.name() + " (" + n.layer().kind() + "): "
                        + e.getMessage(), e);
            }
        }
        for (String out : graph.outputs()) {
            g.addOutput(valueInfo(out, TensorProto.DataType.FLOAT_VALUE, shapes.get(out)));
        }
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(irVersion(opset)).setProducerName("sham4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g);
        if (graph.preprocessing().recorded()) {
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(PreprocessingMetadata.KEY)
                    .setValue(PreprocessingMetadata.encode(graph.preprocessing())));
        }
        return model.build();
    }

    /** A tensor's declaration: its element type and its shape (N for the batch, kN for k batches, else sizes). */
    private static ValueInfoProto valueInfo(String name, int type, TensorShape s) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d : s.dims()) {
            TensorShapeProto.Dimension.Builder dim = shape.addDimBuilder();
            if (d >= 0) {
                dim.setDimValue(d);
            } else if (d != TensorShape.UNKNOWN) {
                dim.setDimParam(TensorShape.text(d));
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    /**
     * The Dense nodes that only feed a recurrence and go into its ONNX LSTM or GRU as the input weights, by the
     * name of the recurrent node they feed.
     */
    private static Map<String, Node> fusedProjections(Graph graph) {
        Map<String, Node> producer = new HashMap<>();
        Map<String, Integer> uses = new HashMap<>();
        for (Node n : graph.nodes()) {
            producer.put(n.output(), n);
            n.inputs().forEach(in -> uses.merge(in, 1, Integer::sum));
        }
        graph.outputs().forEach(out -> uses.merge(out, 1, Integer::sum));
        Map<String, TensorShape> shapes = graph.shapes();
        Map<String, Node> fused = new HashMap<>();
        for (Node n : graph.nodes()) {
            Node p = producer.get(n.inputs().get(0));
            if (n.layer() instanceof Recurrent && p != null && p.layer() instanceof Dense
                    && uses.get(p.output()) == 1 && shapes.get(p.inputs().get(0)).rank() == 3) {
                fused.put(n.name(), p);
            }
        }
        return fused;
    }

    /** Model inputs that only Embeddings read (and that are not outputs): written as int64. */
    private static Set<String> integerInputs(Graph graph) {
        Set<String> embedded = new HashSet<>();
        Set<String> other = new HashSet<>(graph.outputs());
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                (n.layer() instanceof Embedding ? embedded : other).add(in);
            }
        }
        embedded.removeAll(other);
        embedded.retainAll(graph.inputs().stream().map(InputSpec::name).toList());
        return embedded;
    }
}
