package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ONNX graph being written: nodes, initializers with unique names, and attribute builders. */
final class ExportContext {
    private final GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();

    ExportContext(GraphProto.Builder graph, Iterable<String> tensorNames) {
        this.graph = graph;
        tensorNames.forEach(names::add);
    }

    /** A tensor name not used yet, based on {@code base}. */
    String fresh(String base) {
        String name = base;
        for (int k = 1; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    /** Adds a float32 initializer named after {@code base}; returns its name. */
    String floats(String base, int[] dims, float[] values) {
        String name = fresh(base);
        graph.addInitializer(TensorProtos.floats(name, dims, values));
        return name;
    }

    /** Adds an int64 initializer named after {@code base}; returns its name. */
    String longs(String base, int[] dims, long[] values) {
        String name = fresh(base);
        graph.addInitializer(TensorProtos.longs(name, dims, values));
        return name;
    }

    /** Adds a float32 scalar initializer named after {@code base}; returns its name. */
    String scalar(String base, float value) {
        return floats(base, new int[0], new float[] {value});
    }

    /** Adds a 1-D int64 initializer named after {@code base}; returns its name. */
    String longs(String base, long... values) {
        return longs(base, new int[] {values.length}, values);
    }

    void node(String op, String name, List<String> inputs, String output, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output)
                .addAllAttribute(Arrays.asList(attributes)));
    }

    static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto ints(String name, int[] first, int[] second) {
        int[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return ints(name, both);
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

}
