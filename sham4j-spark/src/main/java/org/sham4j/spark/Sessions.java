package org.sham4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session of a command: the given master (or the one {@code spark-submit} set), no web UI, and
 * Spark's own logging at warnings. Outside {@code spark-submit}, JDK 17 needs {@code --add-opens} for Spark (the
 * {@code sham} launcher passes them); without them the first job fails, and that failure names the flags.
 */
final class Sessions {
    /** The JVM options Spark needs on JDK 17 (the launcher's and the tests'). */
    static final String OPENS = "--add-opens=java.base/{sun.nio.ch,java.lang,java.util,java.nio}=ALL-UNNAMED";

    private Sessions() {
    }

    /** A session on {@code master} named {@code app}. */
    static SparkSession open(String master, String app) {
        SparkConf conf = new SparkConf(true).setAppName(app);
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.adaptive.enabled", "false");
        try {
            SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            return spark;
        } catch (IllegalAccessError | RuntimeException e) {
            if (isModuleAccess(e)) {
                throw new IllegalStateException("Spark needs the JVM options " + OPENS + " on JDK 17 (the sham "
                        + "launcher passes them; add them to JAVA_OPTS when running the jar yourself)", e);
            }
            throw e;
        }
    }

    private static boolean isModuleAccess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalAccessError || t.getClass().getName().endsWith("InaccessibleObjectException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A one-line error for a failure Spark reports: the message of the first cause that is not Spark's wrapping (a
     * task's exception travels as the cause of "Job aborted"), else the first line of Spark's message.
     */
    static RuntimeException unwrap(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (!t.getClass().getName().startsWith("org.apache.spark")) {
                break;
            }
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String line = m.strip().lines().findFirst().orElse(m);
        int at = line.lastIndexOf("Exception: ");
        if (root.getClass().getName().startsWith("org.apache.spark") && at >= 0) {
            line = line.substring(at + "Exception: ".length());
        }
        return new IllegalArgumentException(line, e);
    }
}
