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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.ActivationMemory;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.TensorShape;
import org.sham4j.model.graph.Transpose;

/**
 * Reads an ONNX model (opsets 7 to 21) into a {@link Graph}. Weights come from initializers and Constant
 * nodes and become {@code dense} matrices; operations on constants fold, shape subgraphs included (Shape gives
 * the batch size as a symbol); a bias add folds into the Dense or Conv before it; the operations PyTorch writes
 * for GELU, SiLU and LayerNorm become those layers ({@link Fusions}). Model inputs are the graph inputs that are not
 * initializers; their first axis is the batch (or their one free axis when the first has a fixed size, as in a
 * time-major (T, N, F) sequence: the model then takes its input batch first and transposes it). Ops the importer does not know are refused together, in one
 * line naming each with its nodes; any attribute value or layout the graph cannot express exactly is refused
 * with a one-line error naming the node, the op and the attribute.
 */
public final class OnnxImporter {
    /** Lowest and highest default-domain opsets read. */
    public static final int MIN_OPSET = 7;
    public static final int MAX_OPSET = 21;
    /** Ops whose importers handle their outputs after the first themselves. */
    private static final Set<String> MULTIPLE_OUTPUTS = Set.of("LSTM", "GRU");

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
        Map<String, Integer> batchAxes = new HashMap<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                int axis = batchAxis(v, source);
                inputs.add(inputSpec(v, axis, source));
                batchAxes.put(v.getName(), axis);
                batchOne |= axis == 0 && v.getType().getTensorType().getShape().getDim(0).getDimValue() == 1;
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
        Map<String, OpImporter> ops = importers(indexOnly);
        refuseUnsupported(g, ops, source);
        ImportContext ctx = new ImportContext(opset, uses, outputs, batchOne);
        initializers.forEach(ctx::constant);
        for (InputSpec in : inputs) {
            ctx.input(in.name(), TensorShape.ofInput(in));
            int axis = batchAxes.get(in.name());
            if (axis > 0) {
                int[] perm = new int[in.shape().length + 1];
                for (int i = 0; i < perm.length; i++) {
                    perm[i] = i == axis ? 0 : i < axis ? i + 1 : i;
                }
                String moved = in.name() + "/batch_axis_" + axis;
                ctx.emit(moved, new Transpose(perm), List.of(in.name()), moved);
                ctx.alias(in.name(), moved);
            }
        }
        for (int k = 0; k < g.getNodeCount(); k++) {
            NodeProto p = g.getNode(k);
            OnnxNode node = new OnnxNode(p, k, source);
            if (!MULTIPLE_OUTPUTS.contains(p.getOpType())) {
                for (int i = 1; i < p.getOutputCount(); i++) {
                    if (ctx.isUsed(p.getOutput(i))) {
                        throw node.error("output " + i + " ('" + p.getOutput(i) + "') is not supported");
                    }
                }
            }
            try {
                ops.get(p.getOpType()).convert(node, ctx);
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
            List<Node> nodes = Fusions.apply(ctx.nodes(), new HashSet<>(outs), ctx::shape);
            graph = new Graph(inputs, nodes, outs, preprocessing(model, source));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
        ActivationMemory.check(graph);
        return graph;
    }

    /** One error naming every op the importer does not know, with its nodes. */
    private static void refuseUnsupported(GraphProto g, Map<String, OpImporter> ops, String source)
            throws InvalidInputException {
        Map<String, List<String>> unsupported = new LinkedHashMap<>();
        for (int k = 0; k < g.getNodeCount(); k++) {
            NodeProto p = g.getNode(k);
            boolean domain = p.getDomain().isEmpty() || p.getDomain().equals("ai.onnx");
            if (!domain || !ops.containsKey(p.getOpType())) {
                String op = domain ? p.getOpType() : p.getDomain() + "." + p.getOpType();
                String name = p.getName().isEmpty() ? p.getOpType() + "_" + k : p.getName();
                unsupported.computeIfAbsent(op, o -> new ArrayList<>()).add("'" + name + "'");
            }
        }
        if (unsupported.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        unsupported.forEach((op, nodes) -> b.append(b.length() == 0 ? "" : "; ").append(op).append(" (node")
                .append(nodes.size() == 1 ? " " : "s ").append(String.join(", ", nodes)).append(')'));
        int count = unsupported.values().stream().mapToInt(List::size).sum();
        throw new InvalidInputException(source + ": " + count + " node" + (count == 1 ? " has an op" : "s have ops")
                + " that sham4j does not support: " + b);
    }

    private static Map<String, OpImporter> importers(Set<String> indexOnly) {
        Map<String, OpImporter> m = new HashMap<>();
        m.put("Conv", ConvImporter::conv);
        m.put("ConvTranspose", ConvImporter::convTranspose);
        m.put("MaxPool", PoolImporters::maxPool);
        m.put("AveragePool", PoolImporters::averagePool);
        m.put("GlobalMaxPool", PoolImporters::globalMax);
        m.put("GlobalAveragePool", PoolImporters::globalAverage);
        for (Reduce.Op op : Reduce.Op.values()) {
            m.put(op.op(), PoolImporters.reduce(op));
        }
        m.put("Gemm", LinearImporters::gemm);
        m.put("MatMul", LinearImporters::matMul);
        m.put("LSTM", RecurrentImporter::lstm);
        m.put("GRU", RecurrentImporter::gru);
        m.put("Add", ArithmeticImporters::add);
        m.put("Sum", ArithmeticImporters::add);
        for (Binary.Op op : List.of(Binary.Op.SUB, Binary.Op.MUL, Binary.Op.DIV, Binary.Op.POW)) {
            m.put(op.op(), ArithmeticImporters.binary(op));
        }
        m.put("Max", ArithmeticImporters.variadic(Binary.Op.MAX));
        m.put("Min", ArithmeticImporters.variadic(Binary.Op.MIN));
        m.put("Reciprocal", ArithmeticImporters::reciprocal);
        for (Activation.Function f : List.of(Activation.Function.RELU, Activation.Function.SIGMOID,
                Activation.Function.TANH, Activation.Function.HARD_SWISH, Activation.Function.ERF,
                Activation.Function.EXP, Activation.Function.LOG, Activation.Function.SQRT, Activation.Function.ABS,
                Activation.Function.NEG, Activation.Function.SOFTPLUS)) {
            m.put(f.op(), ElementwiseImporters.plain(f));
        }
        m.put("LeakyRelu", ElementwiseImporters::leakyRelu);
        m.put("Elu", ElementwiseImporters::elu);
        m.put("Selu", ElementwiseImporters::selu);
        m.put("HardSigmoid", ElementwiseImporters::hardSigmoid);
        m.put("Clip", ElementwiseImporters::clip);
        m.put("Gelu", ElementwiseImporters::gelu);
        m.put("Softmax", ElementwiseImporters::softmax);
        m.put("LogSoftmax", ElementwiseImporters::logSoftmax);
        m.put("Dropout", ElementwiseImporters::dropout);
        m.put("BatchNormalization", ElementwiseImporters::batchNorm);
        m.put("LayerNormalization", ElementwiseImporters::layerNorm);
        m.put("Identity", ShapeImporters::identity);
        m.put("Flatten", ShapeImporters::flatten);
        m.put("Reshape", ShapeImporters::reshape);
        m.put("Transpose", ShapeImporters::transpose);
        m.put("Concat", ShapeImporters::concat);
        m.put("Squeeze", ShapeImporters::squeeze);
        m.put("Unsqueeze", ShapeImporters::unsqueeze);
        m.put("Slice", ShapeImporters::slice);
        m.put("Pad", ShapeImporters::pad);
        m.put("Constant", ConstantImporters::constant);
        m.put("Shape", ConstantImporters::shape);
        m.put("ConstantOfShape", ConstantImporters::constantOfShape);
        m.put("Gather", ConstantImporters::gather);
        m.put("Cast", (node, ctx) -> ConstantImporters.cast(node, ctx, indexOnly.contains(node.output())));
        return m;
    }

    /**
     * The batch axis of a model input: the first, unless the first has a fixed size and exactly one other axis
     * is free (as a time-major LSTM's (T, N, F) input), which is then the batch.
     */
    private static int batchAxis(ValueInfoProto v, String source) throws InvalidInputException {
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        if (shape.getDimCount() < 2 || !shape.getDim(0).hasDimValue()) {
            return 0;
        }
        int free = 0;
        int at = 0;
        for (int i = 1; i < shape.getDimCount(); i++) {
            if (!shape.getDim(i).hasDimValue()) {
                free++;
                at = i;
            }
        }
        return free == 1 ? at : 0;
    }

    /** A model input batch first: its shape without {@code batchAxis}. */
    private static InputSpec inputSpec(ValueInfoProto v, int batchAxis, String source) throws InvalidInputException {
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
        for (int i = 0, k = 0; i < shape.getDimCount(); i++) {
            if (i == batchAxis) {
                continue;
            }
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0 || d.getDimValue() > Integer.MAX_VALUE) {
                throw new InvalidInputException(what + " has an unknown or bad size at axis " + i + " ("
                        + (d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                        + "); only the batch axis may vary");
            }
            dims[k++] = (int) d.getDimValue();
        }
        return new InputSpec(v.getName(), dims);
    }

    private static Preprocessing preprocessing(ModelProto model, String source) throws InvalidInputException {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (e.getKey().equals(PreprocessingMetadata.KEY)) {
                return PreprocessingMetadata.decode(e.getValue(), source);
            }
        }
        return Preprocessing.unrecorded(Preprocessing.Layout.NCHW);
    }
}
