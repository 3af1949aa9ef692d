package org.sham4j.onnx;

import java.util.stream.Collectors;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Preprocessing;

/**
 * The graph's preprocessing as one ONNX {@code metadata_props} entry, e.g.
 * {@code scale=0.003921569;mean=0.1307;std=0.3081;layout=NCHW}, so an exported model keeps it.
 */
final class PreprocessingMetadata {
    static final String KEY = "sham4j.preprocessing";

    private PreprocessingMetadata() {
    }

    static String encode(Preprocessing p) {
        return "scale=" + p.scale() + ";mean=" + join(p.mean()) + ";std=" + join(p.std()) + ";layout=" + p.layout();
    }

    private static String join(float[] v) {
        return java.util.stream.IntStream.range(0, v.length).mapToObj(i -> Float.toString(v[i]))
                .collect(Collectors.joining(","));
    }

    static Preprocessing decode(String text, String source) throws InvalidInputException {
        try {
            String[] parts = text.split(";");
            if (parts.length != 4 || !parts[0].startsWith("scale=") || !parts[1].startsWith("mean=")
                    || !parts[2].startsWith("std=") || !parts[3].startsWith("layout=")) {
                throw new IllegalArgumentException("expected scale=..;mean=..;std=..;layout=..");
            }
            return new Preprocessing(Float.parseFloat(value(parts[0])), floats(value(parts[1])),
                    floats(value(parts[2])), Preprocessing.Layout.valueOf(value(parts[3])));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": bad metadata " + KEY + " '" + text + "': " + e.getMessage());
        }
    }

    private static String value(String part) {
        return part.substring(part.indexOf('=') + 1);
    }

    private static float[] floats(String list) {
        String[] items = list.split(",");
        float[] v = new float[items.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(items[i]);
        }
        return v;
    }
}
