package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;

/** Small hand-made ONNX models for the tests, and the check that our import runs them as ONNX Runtime does. */
final class OnnxModels {
    private OnnxModels() {
    }

    /** A float input of the given shape; -1 is the symbolic batch axis. */
    static ValueInfoProto input(String name, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d : dims) {
            if (d < 0) {
                shape.addDimBuilder().setDimParam("N");
            } else {
                shape.addDimBuilder().setDimValue(d);
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    /** A model of one opset whose nodes and initializers {@code body} adds. */
    static ModelProto model(int opset, List<ValueInfoProto> inputs, List<String> outputs, Consumer<ExportContext> body) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("test").addAllInput(inputs);
        List<String> names = new ArrayList<>(outputs);
        inputs.forEach(i -> names.add(i.getName()));
        body.accept(new ExportContext(g, names));
        for (String o : outputs) {
            g.addOutput(ValueInfoProto.newBuilder().setName(o).setType(TypeProto.newBuilder().setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return ModelProto.newBuilder().setIrVersion(opset >= 13 && opset <= 21 ? OnnxExporter.irVersion(opset) : 7).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).build();
    }

    static AttributeProto tensor(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value)
                .build();
    }

    static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static Tensor random(Random rnd, int... shape) {
        return new Tensor(shape, random(rnd, (int) Tensor.size(shape)));
    }

    /** Imports {@code model}, runs it in the Java runtime and in ONNX Runtime: returns the import. */
    static Graph assertRunsLikeOrt(ModelProto model, List<Tensor> inputs) throws Exception {
        Graph g = OnnxImporter.read(model.toByteArray(), "test");
        List<Tensor> expected = Ort.run(model, inputs);
        try (GraphRunner runner = new GraphRunner(g, 1)) {
            Map<String, Tensor> feed = new java.util.HashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                feed.put(g.inputs().get(i).name(), inputs.get(i));
            }
            Map<String, Tensor> out = runner.run(feed);
            for (int i = 0; i < expected.size(); i++) {
                double d = Ort.relativeDiff(expected.get(i), out.get(g.outputs().get(i)));
                if (!(d < 1e-5)) {
                    throw new AssertionError("output " + i + " differs from ONNX Runtime by " + d);
                }
            }
        }
        return g;
    }
}
