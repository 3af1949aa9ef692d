package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by earlier versions of sham4j still load and run to the outputs their version computed:
 * mnist-8 compressed (every layer, 4 shared values) by version 1 and version 2 of the {@code .sham} layout,
 * with the output the version-2 build computed for the first ONNX test input (old-models/make.txt), to within
 * 1e-6 relative: the runtime's kernels have since changed the order of their sums (fused multiply-adds over
 * decoded weights; 1.3e-7 apart), while a weight or field read wrongly would be far off.
 */
class OldModelFilesTest {
    private static final Path DIR = resource("old-models");

    @ParameterizedTest
    @ValueSource(strings = {"mnist8-v1.sham", "mnist8-v2.sham"})
    void anOldFileRunsToTheOutputsItsVersionComputed(String file) {
        CliRun r = CliRun.of("run", DIR.resolve(file).toString(), "--inputs", DIR.toString(), "--tolerance", "1e-6");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("test_data_set_0"), r.out());
    }

    private static Path resource(String name) {
        try {
            return Paths.get(OldModelFilesTest.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
