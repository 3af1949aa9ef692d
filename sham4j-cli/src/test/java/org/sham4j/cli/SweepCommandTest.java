package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sham sweep} on the command line: the example spec validates, a wrong one is one line and exit 1. */
class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void theExampleSpecListsItsConfigurations() {
        Path spec = Path.of("").toAbsolutePath().getParent().resolve("examples/paper/lenet300-sweep.yaml");
        CliRun r = CliRun.of("sweep", spec.toString(), "--out", dir.resolve("out").toString(), "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("lenet300-grid: 51 configurations"), r.out());
        assertTrue(r.out().contains("p95 ecsq:32 unified seed 1"), r.out());
        assertTrue(!Files.exists(dir.resolve("out")), "a dry run writes nothing");
    }

    @Test
    void aWrongSpecIsOneLineAndExitStatusOne() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "model: m.sham\ndata: mnist\ngrid: {method: cws, k: 4, formats: csr}\n");
        CliRun r = CliRun.of("sweep", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("unknown key 'grid.formats'"), r.err());
        CliRun t = CliRun.of("sweep", dir.resolve("spec.txt").toString(), "--out", dir.resolve("out").toString());
        assertTrue(t.err().contains("a spec is a .yaml, .yml or .json file"), t.err());
    }
}
