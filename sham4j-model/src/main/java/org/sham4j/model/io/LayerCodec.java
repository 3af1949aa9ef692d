package org.sham4j.model.io;

import java.io.IOException;
import org.sham4j.model.graph.Layer;

/** How one kind of layer is stored in a model file: its tag and its fields, written and read in order. */
record LayerCodec<L extends Layer>(int tag, Class<L> type, Writer<L> writer, Reader<L> reader) {
    /** Writes a layer's fields. */
    @FunctionalInterface
    interface Writer<L> {
        void write(L layer, ModelOutput out);
    }

    /** Reads a layer's fields in the order its writer wrote them. */
    @FunctionalInterface
    interface Reader<L> {
        L read(ModelInput in) throws IOException;
    }

    void write(Layer layer, ModelOutput out) {
        writer.write(type.cast(layer), out);
    }
}
