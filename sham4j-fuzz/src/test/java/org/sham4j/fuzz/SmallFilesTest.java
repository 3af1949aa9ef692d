package org.sham4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link SmallFiles} in a JVM of its own with a 64 MB heap over the committed fuzz inputs and 2,000 mutants
 * (slow: {@code mvn -B -Pslow test -pl sham4j-fuzz -am -Dtest=SmallFilesTest -Dsurefire.failIfNoSpecifiedTests=false}).
 */
@Tag("slow")
class SmallFilesTest {
    @Test
    void noSmallFileTakesMoreThanASecondOr64MegabytesOfHeap() throws Exception {
        Path inputs = Path.of("src/test/resources/org/sham4j/fuzz");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), SmallFiles.class.getName(), inputs.toString(),
                System.getProperty("small.mutants", "2000"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "see the FAILURE lines above");
    }
}
