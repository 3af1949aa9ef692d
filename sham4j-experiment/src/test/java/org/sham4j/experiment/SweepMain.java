package org.sham4j.experiment;

import java.nio.file.Path;
import org.sham4j.model.io.ModelFile;

/** A sweep in a JVM of its own (SPEC DIR WORKERS), for a test to kill. */
public final class SweepMain {
    private SweepMain() {
    }

    public static void main(String[] args) throws Exception {
        Sweep.run(SweepSpec.read(Path.of(args[0])), new Sweep.Options(Path.of(args[1]), Integer.parseInt(args[2]),
                true, ModelFile::load, System.err, false));
    }
}
