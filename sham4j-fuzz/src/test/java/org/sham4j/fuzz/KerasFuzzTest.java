package org.sham4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.sham4j.keras.KerasImporter;
import org.sham4j.model.graph.Graph;

/** Keras {@code .h5} models, read through jHDF: a third party whose exceptions and errors must not escape. */
class KerasFuzzTest {
    @FuzzTest
    void h5(byte[] data) throws IOException {
        Graph g = Oracles.accepted(() -> KerasImporter.read(TempFiles.write("model.h5", data)));
        if (g != null) {
            Oracles.model(g);
        }
        FuzzStats.count("h5", g != null);
    }
}
