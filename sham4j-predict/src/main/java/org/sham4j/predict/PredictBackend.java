package org.sham4j.predict;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs a prediction elsewhere than in this JVM alone: sham4j-spark provides one (found by {@link
 * java.util.ServiceLoader}), so the command line needs no Spark on its class path until {@code --master} asks.
 */
public interface PredictBackend {
    /** Runs {@code request} on the cluster {@code master} ({@code local[N]}, {@code spark://HOST:PORT}, ...). */
    LocalPrediction.Summary predict(PredictRequest request, String master, PrintStream err)
            throws IOException, InterruptedException;
}
