package org.sham4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.sham4j.core.format.Formats;
import org.sham4j.model.io.ModelFile;

/**
 * {@code .sham} models: whole files as they are and re-signed (the frame and every embedded {@code .shm}), and
 * valid models of every layer type and weight format with fields rewritten and re-signed.
 */
class ModelFuzzTest {
    @FuzzTest
    void sham(byte[] data) throws IOException {
        boolean accepted = Oracles.shamFile(data);
        accepted |= Oracles.shamFile(Resign.container(data, Resign.SHAM));
        FuzzStats.count("sham-model", accepted);
    }

    @FuzzTest
    void shamMutated(FuzzedDataProvider data) throws IOException {
        int which = data.consumeInt(0, Models.COUNT - 1);
        String format = data.pickValue(Formats.all()).name();
        byte[] file = ModelFile.toBytes(Models.model(which, format, data.consumeInt()));
        byte[] bad = Resign.container(Mutations.apply(file, data), Resign.SHAM);
        FuzzStats.count("shamMutated", Oracles.shamFile(bad));
    }
}
