package org.sham4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sham4j.keras.KerasImporter;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.onnx.OnnxImporter;

/** Loads a model for the commands, by file kind: our {@code .sham}, ONNX {@code .onnx} or Keras {@code .h5}. */
final class Models {
    private Models() {
    }

    static Graph load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return KerasImporter.read(file);
        }
        if (name.endsWith(".onnx")) {
            return OnnxImporter.read(file);
        }
        if (name.endsWith(ModelFile.EXTENSION)) {
            return ModelFile.load(file);
        }
        throw new UsageException(file + ": unknown model kind '" + name + "' (expected .sham, .onnx or .h5)");
    }
}
