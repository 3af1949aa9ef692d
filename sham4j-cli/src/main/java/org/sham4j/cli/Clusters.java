package org.sham4j.cli;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds what runs a command on a cluster: {@code --master}, or the master {@code spark-submit} set (the system
 * property {@code spark.master}) when no option gives one; and the backend sham4j-spark provides through
 * {@link ServiceLoader}, which is on the class path only when asked for (the {@code sham} launcher adds it for
 * {@code --master}; the shaded jar that {@code spark-submit} runs holds it).
 */
final class Clusters {
    private Clusters() {
    }

    /** The master to run on, or null to run in this JVM alone. */
    static String master(String option) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        String submitted = System.getProperty("spark.master");
        return submitted == null || submitted.isBlank() ? null : submitted.strip();
    }

    /** The one backend of type {@code type} on the class path; a clear error when there is none. */
    static <T> T backend(Class<T> type, String master) {
        Iterator<T> it = ServiceLoader.load(type).iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("--master " + master + " needs the Spark module (sham4j-spark) on the "
                    + "class path: run through ./sham, which adds it when --master is given, or spark-submit the "
                    + "shaded jar (see the README)");
        }
        return it.next();
    }
}
