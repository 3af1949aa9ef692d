package org.sham4j.onnx;

import org.sham4j.core.io.InvalidInputException;

/**
 * The padding of a Conv or pooling node from its {@code auto_pad} and {@code pads} attributes, and the output
 * size of a sliding window.
 */
record Padding(int[] begin, int[] end) {
    /**
     * Reads the padding of {@code node} for windows of the given dilated extent and strides; {@code spatial}
     * holds the input's spatial sizes (-1 unknown) or is null; SAME padding with a stride above 1 needs them.
     */
    static Padding of(OnnxNode node, int[] extent, int[] strides, int[] spatial) throws InvalidInputException {
        int dims = extent.length;
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        int[] pads = node.intsAttr("pads");
        int[] begin = new int[dims];
        int[] end = new int[dims];
        switch (autoPad) {
            case "NOTSET" -> {
                if (pads != null) {
                    if (pads.length != 2 * dims) {
                        throw node.error("pads has " + pads.length + " values for " + dims + " spatial axes");
                    }
                    for (int i = 0; i < dims; i++) {
                        begin[i] = pads[i];
                        end[i] = pads[dims + i];
                        if (begin[i] < 0 || end[i] < 0) {
                            throw node.unsupported("pads", java.util.Arrays.toString(pads));
                        }
                    }
                }
            }
            case "VALID" -> {
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int i = 0; i < dims; i++) {
                    int total;
                    if (strides[i] == 1) {
                        total = extent[i] - 1;
                    } else {
                        int in = spatial == null ? -1 : spatial[i];
                        if (in < 0) {
                            throw node.error("auto_pad=" + autoPad + " with stride " + strides[i]
                                    + " needs a known input size");
                        }
                        int out = (in + strides[i] - 1) / strides[i];
                        total = Math.max(0, (out - 1) * strides[i] + extent[i] - in);
                    }
                    int small = total / 2;
                    begin[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    end[i] = total - begin[i];
                }
            }
            default -> throw node.unsupported("auto_pad", autoPad);
        }
        return new Padding(begin, end);
    }

    /** Output sizes along the spatial axes (-1 where the input size is unknown). */
    int[] outputSizes(int[] spatial, int[] extent, int[] strides, boolean ceil) {
        int[] out = new int[extent.length];
        for (int i = 0; i < out.length; i++) {
            int in = spatial == null ? -1 : spatial[i];
            if (in < 0) {
                out[i] = -1;
                continue;
            }
            int span = in + begin[i] + end[i] - extent[i];
            int o = (ceil ? Math.floorDiv(span + strides[i] - 1, strides[i]) : Math.floorDiv(span, strides[i])) + 1;
            if (ceil && (o - 1) * strides[i] >= in + begin[i]) {
                o--;
            }
            out[i] = o;
        }
        return out;
    }

    /** The spatial sizes of an (N, C, spatial...) shape, -1 where unknown; null for another rank. */
    static int[] spatial(org.sham4j.model.graph.TensorShape shape, int dims) {
        if (shape == null || shape.rank() != dims + 2) {
            return null;
        }
        int[] s = java.util.Arrays.copyOfRange(shape.dims(), 2, dims + 2);
        for (int i = 0; i < dims; i++) {
            s[i] = Math.max(s[i], -1);
        }
        return s;
    }

    /** A ones-filled default or the attribute checked for its length. */
    static int[] perAxis(OnnxNode node, String attribute, int dims) throws InvalidInputException {
        int[] v = node.intsAttr(attribute);
        if (v == null) {
            v = new int[dims];
            java.util.Arrays.fill(v, 1);
        }
        if (v.length != dims) {
            throw node.error(attribute + " has " + v.length + " values for " + dims + " spatial axes");
        }
        for (int x : v) {
            if (x < 1) {
                throw node.unsupported(attribute, java.util.Arrays.toString(v));
            }
        }
        return v;
    }
}
