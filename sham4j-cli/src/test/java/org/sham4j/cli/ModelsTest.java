package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Graph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Model loading by file kind. */
class ModelsTest {
    /** A Keras fixture of the sham4j-keras module (tests run in the module's directory). */
    private static final Path KERAS = Path.of("..", "sham4j-keras", "src", "test", "resources", "keras",
            "residual.h5");

    @TempDir
    Path dir;

    @Test
    void loadsKerasH5() throws Exception {
        Graph g = Models.load(KERAS);
        assertEquals("input_1", g.inputs().get(0).name());
    }

    @Test
    void jhdfLogsWarningsOnly() {
        Logger jhdf = LoggerFactory.getLogger("io.jhdf.HdfFile");
        assertFalse(jhdf.isInfoEnabled(), "jHDF would log every file it opens");
        assertTrue(jhdf.isWarnEnabled());
    }

    @Test
    void truncatedKerasH5IsAOneLineError() throws Exception {
        Path cut = dir.resolve("model.h5");
        byte[] full = Files.readAllBytes(KERAS);
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Models.load(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void unknownKindIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> Models.load(dir.resolve("model.pkl")));
        assertTrue(e.getMessage().contains("unknown model kind"), e.getMessage());
    }
}
