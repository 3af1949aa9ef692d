package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.io.InvalidInputException;

/**
 * One ONNX node as the importer reads it: typed attributes with their defaults, and errors that name the
 * node, its op and the attribute. Every attribute must be read by the op's importer; {@link #requireAllRead}
 * refuses the ones it left, so an attribute the importer does not know is never ignored.
 */
final class OnnxNode {
    private final NodeProto proto;
    private final String name;
    private final String source;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    OnnxNode(NodeProto proto, int index, String source) throws InvalidInputException {
        this.proto = proto;
        this.name = proto.getName().isEmpty() ? proto.getOpType() + "_" + index : proto.getName();
        this.source = source;
        for (AttributeProto a : proto.getAttributeList()) {
            if (attributes.put(a.getName(), a) != null) {
                throw error("attribute " + a.getName() + " is given twice");
            }
        }
        if (proto.getOutputCount() == 0 || proto.getOutput(0).isEmpty()) {
            throw error("the node has no output");
        }
    }

    String op() {
        return proto.getOpType();
    }

    String name() {
        return name;
    }

    /** Input {@code i}, or "" when absent (optional inputs may be left out or empty). */
    String input(int i) {
        return i < proto.getInputCount() ? proto.getInput(i) : "";
    }

    List<String> inputs() {
        return proto.getInputList();
    }

    String output() {
        return proto.getOutput(0);
    }

    /** Output {@code i}, or "" when absent. */
    String output(int i) {
        return i < proto.getOutputCount() ? proto.getOutput(i) : "";
    }

    /** An error about this node, one line. */
    InvalidInputException error(String detail) {
        return new InvalidInputException(source + ": node '" + name + "' (" + op() + "): " + detail);
    }

    /** Refuses an attribute value the importer does not implement. */
    InvalidInputException unsupported(String attribute, Object value) {
        return error("attribute " + attribute + "=" + value + " is not supported");
    }

    boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    private AttributeProto get(String attribute, AttributeProto.AttributeType type) throws InvalidInputException {
        read.add(attribute);
        AttributeProto a = attributes.get(attribute);
        if (a != null && a.getType() != type && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            throw error("attribute " + attribute + " is " + a.getType() + ", expected " + type);
        }
        return a;
    }

    long intAttr(String attribute, long orElse) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.INT);
        return a == null ? orElse : a.getI();
    }

    float floatAttr(String attribute, float orElse) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.FLOAT);
        return a == null ? orElse : a.getF();
    }

    String stringAttr(String attribute, String orElse) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.STRING);
        return a == null ? orElse : a.getS().toStringUtf8();
    }

    /** An ints attribute as ints, or null when absent. */
    int[] intsAttr(String attribute) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.INTS);
        if (a == null) {
            return null;
        }
        int[] v = new int[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            long x = a.getInts(i);
            if (x != (int) x) {
                throw error("attribute " + attribute + " value " + x + " is out of range");
            }
            v[i] = (int) x;
        }
        return v;
    }

    float[] floatsAttr(String attribute) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.FLOATS);
        if (a == null) {
            return null;
        }
        float[] v = new float[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getFloats(i);
        }
        return v;
    }

    /** A strings attribute, or null when absent. */
    String[] stringsAttr(String attribute) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.STRINGS);
        if (a == null) {
            return null;
        }
        return a.getStringsList().stream().map(com.google.protobuf.ByteString::toStringUtf8).toArray(String[]::new);
    }

    TensorProto tensorAttr(String attribute) throws InvalidInputException {
        AttributeProto a = get(attribute, AttributeProto.AttributeType.TENSOR);
        return a == null ? null : a.getT();
    }

    /** Refuses any attribute that the op's importer did not read. */
    void requireAllRead() throws InvalidInputException {
        for (AttributeProto a : attributes.values()) {
            if (!read.contains(a.getName())) {
                throw error("attribute " + a.getName() + " is not supported");
            }
        }
    }
}
