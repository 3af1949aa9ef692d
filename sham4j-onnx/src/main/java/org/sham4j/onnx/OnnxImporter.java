package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.ActivationMemory;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Preprocessing;

/**
 * Reads an ONNX model (opsets 7 to 21) into a {@link Graph}. Weights come from initializers and Constant
 * nodes and become {@code dense} matrices; reshapes and transposes of constants fold; a bias add folds into
 * the Dense or Conv before it. Model inputs are the graph inputs that are not initializers; their first axis
 * is the batch. Any op, attribute value or layout the graph cannot express exactly is refused with a one-line
 * error naming the node, the op and the attribute.
 */
public final class OnnxImporter {
    /** Lowest and highest default-domain opsets read. */
    public static final int MIN_OPSET = 7;
    public static final int MAX_OPSET = 21;

    private OnnxImporter() {
    }

    /** Reads an {@code .onnx} file. */
    public static Graph read(Path file) throws IOException {
        return read(TensorProtos.readWhole(file), file.toString());
    }

    /** Reads a serialized ONNX model; {@code source} names it in messages. */
    public static Graph read(byte[] model, String source) throws InvalidInputException {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(source + ": not a valid ONNX model (truncated or corrupt protobuf"
                    + TensorProtos.firstSentence(e) + ")");
        }
        if (!proto.hasGraph() || proto.getIrVersion() <= 0) {
            throw new InvalidInputException(source + ": not an ONNX model (no " + (proto.hasGraph() ? "IR version"
                    : "graph") + ")");
        }
        return convert(proto, source);
    }

    private static int opset(ModelProto model, String source) throws InvalidInputException {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                long v = o.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new InvalidInputException(source + ": opset " + v + " is not supported (" + MIN_OPSET
                            + " to " + MAX_OPSET + " are)");
                }
                return (int) v;
            }
        }
        throw new InvalidInputException(source + ": the model imports no opset of the default ONNX domain");
    }

    private static Graph convert(ModelProto model, String source) throws InvalidInputException {
        int opset = opset(model, source);
        GraphProto g = model.getGraph();
        Map<String, ConstantTensor> initializers = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), TensorProtos.toConstant(t, source + ": initializer '" + t.getName() + "'"));
        }
        List<InputSpec> inputs = new ArrayList<>();
        boolean batchOne = false;
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.add(inputSpec(v, source));
                batchOne |= v.getType().getTensorType().getShape().getDim(0).getDimValue() == 1;
            }
        }
        Map<String, Integer> uses = new HashMap<>();
        Set<String> indexOnly = new HashSet<>();
        Set<String> otherUse = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            for (int i = 0; i < n.getInputCount(); i++) {
                uses.merge(n.getInput(i), 1, Integer::sum);
                (n.getOpType().equals("Gather") && i == 1 ? indexOnly : otherUse).add(n.getInput(i));
            }
        }
        indexOnly.removeAll(otherUse);
        Set<String> outputs = new HashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        indexOnly.removeAll(outputs);
        ImportContext ctx = new ImportContext(opset, uses, outputs, batchOne);
        initializers.forEach(ctx::constant);
        for (InputSpec in : inputs) {
            int[] shape = new int[in.shape().length + 1];
            shape[0] = -1;
            System.arraycopy(in.shape(), 0, shape, 1, in.shape().length);
            ctx.shape(in.name(), shape);
        }
        Map<String, OpImporter> ops = importers(indexOnly);
        for (int k = 0; k < g.getNodeCount(); k++) {
            NodeProto p = g.getNode(k);
            OnnxNode node = new OnnxNode(p, k, source);
            if (!p.getDomain().isEmpty() && !p.getDomain().equals("ai.onnx")) {
                throw node.error("op domain '" + p.getDomain() + "' is not supported");
            }
            OpImporter op = ops.get(p.getOpType());
            if (op == null) {
                throw node.error("op " + p.getOpType() + " is not supported");
            }
            for (int i = 1; i < p.getOutputCount(); i++) {
                String extra = p.getOutput(i);
                if (!extra.isEmpty() && (uses.containsKey(extra) || outputs.contains(extra))) {
                    throw node.error("output " + i + " ('" + extra + "') is not supported");
                }
            }
            try {
                op.convert(node, ctx);
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
            node.requireAllRead();
        }
        List<String> outs = new ArrayList<>();
        for (ValueInfoProto o : g.getOutputList()) {
            if (ctx.isConstant(o.getName())) {
                throw new InvalidInputException(source + ": output '" + o.getName() + "' is a constant");
            }
            outs.add(ctx.resolve(o.getName()));
        }
        Graph graph;
        try {
            graph = new Graph(inputs, ctx.nodes(), outs, preprocessing(model, source));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
        ActivationMemory.check(graph);
        return graph;
    }

    private static Map<String, OpImporter> importers(Set<String> indexOnly) {
        Map<String, OpImporter> m = new HashMap<>();
        m.put("Conv", ConvImporter::conv);
        m.put("MaxPool", PoolImporters::maxPool);
        m.put("AveragePool", PoolImporters::averagePool);
        m.put("GlobalMaxPool", PoolImporters::globalMax);
        m.put("GlobalAveragePool", PoolImporters::globalAverage);
        m.put("ReduceMean", PoolImporters::reduceMean);
        m.put("ReduceMax", PoolImporters::reduceMax);
        m.put("Gemm", LinearImporters::gemm);
        m.put("MatMul", LinearImporters::matMul);
        m.put("Add", AddImporter::add);
        m.put("Sum", AddImporter::add);
        m.put("Relu", ElementwiseImporters::relu);
        m.put("Sigmoid", ElementwiseImporters::sigmoid);
        m.put("Tanh", ElementwiseImporters::tanh);
        m.put("Softmax", ElementwiseImporters::softmax);
        m.put("Dropout", ElementwiseImporters::dropout);
        m.put("BatchNormalization", ElementwiseImporters::batchNorm);
        m.put("Identity", ShapeImporters::identity);
        m.put("Flatten", ShapeImporters::flatten);
        m.put("Reshape", ShapeImporters::reshape);
        m.put("Transpose", ShapeImporters::transpose);
        m.put("Concat", ShapeImporters::concat);
        m.put("Constant", ConstantImporters::constant);
        m.put("Gather", ConstantImporters::gather);
        m.put("Cast", (node, ctx) -> ConstantImporters.cast(node, ctx, indexOnly.contains(node.output())));
        return m;
    }

    private static InputSpec inputSpec(ValueInfoProto v, String source) throws InvalidInputException {
        String what = source + ": input '" + v.getName() + "'";
        TypeProto type = v.getType();
        if (!type.hasTensorType() || !type.getTensorType().hasShape()) {
            throw new InvalidInputException(what + " is not a tensor of known rank");
        }
        TensorProto.DataType element = TensorProto.DataType.forNumber(type.getTensorType().getElemType());
        if (element == null || element == TensorProto.DataType.STRING || element == TensorProto.DataType.BOOL
                || element.getNumber() > TensorProto.DataType.BFLOAT16_VALUE) {
            throw new InvalidInputException(what + " of type " + element + " is not supported");
        }
        TensorShapeProto shape = type.getTensorType().getShape();
        if (shape.getDimCount() == 0) {
            throw new InvalidInputException(what + " is a scalar; a batch axis is needed");
        }
        int[] dims = new int[shape.getDimCount() - 1];
        for (int i = 1; i < shape.getDimCount(); i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0 || d.getDimValue() > Integer.MAX_VALUE) {
                throw new InvalidInputException(what + " has an unknown or bad size at axis " + i + " ("
                        + (d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                        + "); only the batch axis may vary");
            }
            dims[i - 1] = (int) d.getDimValue();
        }
        return new InputSpec(v.getName(), dims);
    }

    private static Preprocessing preprocessing(ModelProto model, String source) throws InvalidInputException {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (e.getKey().equals(PreprocessingMetadata.KEY)) {
                return PreprocessingMetadata.decode(e.getValue(), source);
            }
        }
        return Preprocessing.IDENTITY;
    }
}
