package org.sham4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;

/** Loads a model for the commands, by file kind: our {@code .sham}, ONNX {@code .onnx} or Keras {@code .h5}. */
final class Models {
    private Models() {
    }

    static Graph load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(ModelFile.EXTENSION)) {
            return ModelFile.load(file);
        }
        throw new IllegalArgumentException(file + ": unknown model kind '" + name + "' (expected .sham, .onnx or .h5)");
    }
}
