package org.sham4j.keras;

import java.util.List;

/**
 * One application of a Keras layer: the keys of the tensors it reads (none for an InputLayer) and of the
 * tensor it gives. A key is "layer:call", e.g. "conv2d:0".
 */
record LayerCall(LayerConfig layer, List<String> inputs, String output) {
    LayerCall {
        inputs = List.copyOf(inputs);
    }

    static String key(String layer, int call) {
        return layer + ":" + call;
    }
}
