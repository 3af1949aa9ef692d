package org.sham4j.onnx;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shapes for messages: unknown dimensions show as '?'. */
final class ShapeText {
    private ShapeText() {
    }

    static String of(int[] shape) {
        return Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Integer.toString(d))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
