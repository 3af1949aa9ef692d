package org.sham4j.cli;

import org.sham4j.cli.report.Table;
import org.sham4j.compress.Comparison;

/** The original and the compressed model side by side: score, weight bytes, ψ, batch time, energy per sample. */
final class SideBySide {
    private SideBySide() {
    }

    /** The summary table of a comparison; {@code files} adds the two files' sizes when not null. */
    static Table of(Comparison c, long[] files) {
        boolean cls = c.classification();
        Table t = Table.leftAligned(1, "", "original", "compressed", "change");
        double d = c.difference();
        t.add(cls ? "test accuracy" : "test mse", score(c.baseline(), cls), score(c.score(), cls),
                cls ? String.format("%+.2f points", 100 * d) : String.format("%+.4f", d));
        if (!cls) {
            t.add("test ci", String.format("%.4f", c.original().concordanceIndex()),
                    String.format("%.4f", c.compressed().concordanceIndex()), String.format("%+.4f",
                            c.compressed().concordanceIndex() - c.original().concordanceIndex()));
        }
        t.add("weights (bytes)", String.format("%,d", c.originalBytes()), String.format("%,d", c.bytes()),
                smaller(c.originalBytes(), c.bytes()));
        if (files != null) {
            t.add("file (bytes)", String.format("%,d", files[0]), String.format("%,d", files[1]),
                    smaller(files[0], files[1]));
        }
        t.add("psi (of float32)", String.format("%.4f", (double) c.originalBytes() / c.denseBytes()),
                String.format("%.4f", c.occupancy()), "");
        t.add("batch of " + c.batch() + " (ms, " + c.threads() + " thread" + (c.threads() == 1 ? ")" : "s)"),
                String.format("%.2f", c.originalNanos() / 1e6), String.format("%.2f", c.compressedNanos() / 1e6),
                String.format("%.2fx the time", c.timeRatio()));
        t.add("energy per sample (nJ)", String.format("%.1f", c.originalPicojoules() / 1e3),
                String.format("%.1f", c.compressedPicojoules() / 1e3), String.format("%.2fx", c.energyRatio()));
        return t;
    }

    private static String score(double v, boolean classification) {
        return classification ? String.format("%.2f%%", 100 * v) : String.format("%.4f", v);
    }

    private static String smaller(long before, long after) {
        return after == 0 ? "" : String.format("%.1fx smaller", (double) before / after);
    }
}
