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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;

/**
 * Writes a {@link Graph} as an ONNX model of opset 19 with float32 weights (decoded from whatever format
 * holds them). Inputs get a symbolic batch axis {@code N}; an input read only by Embeddings is int64. The
 * preprocessing goes to the metadata entry {@code sham4j.preprocessing}. Reading the file back with
 * {@link OnnxImporter} gives the same graph, weights exact to the bit.
 */
public final class OnnxExporter {
    /** The opset written. */
    public static final int OPSET = 19;
    private static final int IR_VERSION = 9;

    private OnnxExporter() {
    }

    /** Writes {@code graph} to {@code file} atomically. */
    public static void write(Graph graph, Path file) throws IOException {
        ModelProto model = toModel(graph);
        if (model.getSerializedSize() < 0) {
            throw new IOException(file + ": the model exceeds the 2 GB limit of an ONNX file");
        }
        AtomicFiles.write(file, model::writeTo);
    }

    /** The ONNX model of {@code graph}. */
    public static ModelProto toModel(Graph graph) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("sham4j");
        List<String> names = new ArrayList<>(graph.outputs());
        graph.inputs().forEach(i -> names.add(i.name()));
        graph.nodes().forEach(n -> names.add(n.output()));
        Set<String> integerInputs = integerInputs(graph);
        for (InputSpec in : graph.inputs()) {
            int type = integerInputs.contains(in.name()) ? TensorProto.DataType.INT64_VALUE
                    : TensorProto.DataType.FLOAT_VALUE;
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            shape.addDimBuilder().setDimParam("N");
            for (int d : in.shape()) {
                shape.addDimBuilder().setDimValue(d);
            }
            g.addInput(ValueInfoProto.newBuilder().setName(in.name()).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))));
        }
        LayerExporter layers = new LayerExporter(new ExportContext(g, names), integerInputs, graph.shapes());
        graph.nodes().forEach(layers::export);
        for (String out : graph.outputs()) {
            g.addOutput(ValueInfoProto.newBuilder().setName(out).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("sham4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(g)
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(PreprocessingMetadata.KEY)
                        .setValue(PreprocessingMetadata.encode(graph.preprocessing())))
                .build();
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
