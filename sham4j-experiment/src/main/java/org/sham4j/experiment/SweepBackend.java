package org.sham4j.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs a sweep's configurations on a cluster: sham4j-spark provides one (found by {@link java.util.ServiceLoader}),
 * so the command line needs no Spark on its class path until {@code --master} asks for it.
 */
public interface SweepBackend {
    /** Connects to {@code master} ({@code local[N]}, {@code spark://HOST:PORT}, ...); closing disconnects. */
    Cluster open(String master, PrintStream err) throws IOException;

    /** A connected cluster: a runner of configurations, each as a task. */
    interface Cluster extends Sweep.Runner {
        /** Configurations the cluster runs at once by default (its cores). */
        int parallelism();

        /** Writes the rows of the sweep folder {@code dir} as Parquet too ({@code DIR/results.parquet}). */
        void writeParquet(Path dir) throws IOException;
    }
}
