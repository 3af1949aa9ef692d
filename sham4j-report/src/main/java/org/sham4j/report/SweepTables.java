package org.sham4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.sham4j.report.Table.Cell;

/**
 * The papers' tables for one experiment: best performance per method; smallest occupancy with performance at
 * least the baseline's; unified against per-layer codebooks at matched settings; method against k; and every
 * setting. Scores are means over seeds, with their sample standard deviation.
 */
final class SweepTables {
    private final Experiment e;
    private final String prefix;

    SweepTables(Experiment e, String prefix) {
        this.e = e;
        this.prefix = prefix;
    }

    List<Table> all() {
        return List.of(bestPerMethod(), smallestMatchingBaseline(), unifiedVsPerLayer(), methodByK(), settings());
    }

    private String scoreName() {
        return e.accuracy() ? "accuracy %" : "MSE";
    }

    /** A score (or its spread) as the tables show it: accuracy in percent, MSE to 4 digits. */
    Cell score(double v) {
        return e.accuracy() ? Cell.number(100 * v, "%.2f") : Cell.significant(v, 4);
    }

    private Cell difference(double v) {
        return e.accuracy() ? Cell.number(100 * v, "%+.2f") : Cell.number(v, "%+.3g");
    }

    private List<String> settingHeader() {
        List<String> h = new ArrayList<>(List.of("method", "k", "prune %", "unified"));
        if (e.formatsVary()) {
            h.add("format");
        }
        if (!e.otherKeys().isEmpty()) {
            h.add("other");
        }
        h.addAll(List.of(scoreName(), "±", "seeds", "baseline", "Δ", "ψ", "1/ψ", "time ×", "µJ/sample",
                "energy ×"));
        return h;
    }

    private List<Cell> settingCells(Setting s) {
        SweepRow r = s.row();
        List<Cell> c = new ArrayList<>(List.of(Cell.of(r.method()),
                r.k() == null ? Cell.NONE : Cell.integer(r.k()), Cell.of(r.prune()),
                Cell.of(r.unified() ? "yes" : "no")));
        if (e.formatsVary()) {
            c.add(Cell.of(r.format()));
        }
        if (!e.otherKeys().isEmpty()) {
            c.add(Cell.of(e.others(s)));
        }
        c.addAll(List.of(score(s.score().mean()), score(s.score().sd()), Cell.integer(s.seeds()),
                score(s.baseline().mean()), difference(s.difference()), Cell.significant(s.occupancy().mean(), 4),
                Cell.number(1 / s.occupancy().mean(), "%.1f"), Cell.number(s.timeRatio().mean(), "%.2f"),
                Cell.significant(s.energy().mean() / 1e6, 4), Cell.number(s.energyRatio(), "%.3f")));
        return c;
    }

    /** For each method, the setting with the best mean score (the smaller ψ on a tie). */
    Table bestPerMethod() {
        Table t = new Table("Best " + (e.accuracy() ? "accuracy" : "MSE") + " per method", prefix
                + "best-per-method", settingHeader());
        for (String m : e.methods()) {
            Setting best = null;
            for (Setting s : e.settings()) {
                if (s.row().method().equals(m) && (best == null || s.compareScore(best) > 0
                        || (s.compareScore(best) == 0 && s.occupancy().mean() < best.occupancy().mean()))) {
                    best = s;
                }
            }
            t.add(settingCells(best));
        }
        return t;
    }

    /** For each method, the smallest ψ whose mean score is at least the baseline's (the better score on a tie). */
    Table smallestMatchingBaseline() {
        Table t = new Table("Smallest ψ with " + (e.accuracy() ? "accuracy at least" : "MSE at most") + " the baseline's",
                prefix + "smallest-occupancy", settingHeader());
        for (String m : e.methods()) {
            Optional<Setting> best = e.settings().stream().filter(s -> s.row().method().equals(m))
                    .filter(Setting::matchesBaseline)
                    .min((a, b) -> a.occupancy().mean() != b.occupancy().mean()
                            ? Double.compare(a.occupancy().mean(), b.occupancy().mean()) : b.compareScore(a));
            if (best.isPresent()) {
                t.add(settingCells(best.get()));
            } else {
                List<Cell> none = new ArrayList<>();
                none.add(Cell.of(m));
                while (none.size() < t.header().size()) {
                    none.add(Cell.NONE);
                }
                t.add(none);
            }
        }
        return t;
    }

    /** Settings that differ only in unified against per-layer codebooks, side by side. */
    Table unifiedVsPerLayer() {
        List<String> h = new ArrayList<>(List.of("method", "k", "prune %"));
        if (e.formatsVary()) {
            h.add("format");
        }
        if (!e.otherKeys().isEmpty()) {
            h.add("other");
        }
        h.addAll(List.of(scoreName() + " unified", "±", scoreName() + " per layer", "±", "Δ", "ψ unified",
                "ψ per layer"));
        Table t = new Table("Unified against per-layer codebooks at matched settings", prefix + "unified-vs-per-layer",
                h);
        Map<String, Setting[]> pairs = new LinkedHashMap<>();
        for (Setting s : e.settings()) {
            com.fasterxml.jackson.databind.node.ObjectNode c = s.row().config().deepCopy();
            c.remove("unified");
            pairs.computeIfAbsent(Json.canonical(c), k -> new Setting[2])[s.row().unified() ? 0 : 1] = s;
        }
        for (Setting[] p : pairs.values()) {
            if (p[0] == null || p[1] == null) {
                continue;
            }
            SweepRow r = p[0].row();
            List<Cell> c = new ArrayList<>(List.of(Cell.of(r.method()), r.k() == null ? Cell.NONE : Cell.integer(r.k()),
                    Cell.of(r.prune())));
            if (e.formatsVary()) {
                c.add(Cell.of(r.format()));
            }
            if (!e.otherKeys().isEmpty()) {
                c.add(Cell.of(e.others(p[0])));
            }
            c.addAll(List.of(score(p[0].score().mean()), score(p[0].score().sd()), score(p[1].score().mean()),
                    score(p[1].score().sd()), difference(p[0].score().mean() - p[1].score().mean()),
                    Cell.significant(p[0].occupancy().mean(), 4), Cell.significant(p[1].occupancy().mean(), 4)));
            t.add(c);
        }
        return t;
    }

    /**
     * Best mean score for each method (rows) and k (columns) at each pruning level, over the other axes; the
     * CSV holds the mean, Markdown the mean ± spread.
     */
    Table methodByK() {
        TreeSet<Integer> ks = new TreeSet<>();
        e.settings().forEach(s -> {
            if (s.row().k() != null) {
                ks.add(s.row().k());
            }
        });
        List<String> h = new ArrayList<>(List.of("prune %", "method"));
        boolean none = e.settings().stream().anyMatch(s -> s.row().k() == null);
        if (none) {
            h.add("no sharing");
        }
        ks.forEach(k -> h.add("k=" + k));
        Table t = new Table(scoreName().replace(" %", "") + " by method and k", prefix + "method-by-k", h);
        List<String> prunes = e.settings().stream().sorted((a, b) -> Double.compare(a.row().pruneOrder(),
                b.row().pruneOrder())).map(s -> s.row().prune()).distinct().toList();
        for (String p : prunes) {
            for (String m : e.methods()) {
                List<Cell> c = new ArrayList<>(List.of(Cell.of(p), Cell.of(m)));
                boolean any = false;
                List<Integer> columns = new ArrayList<>();
                if (none) {
                    columns.add(null);
                }
                columns.addAll(ks);
                for (Integer k : columns) {
                    Setting best = null;
                    for (Setting s : e.settings()) {
                        if (s.row().method().equals(m) && s.row().prune().equals(p)
                                && java.util.Objects.equals(s.row().k(), k)
                                && (best == null || s.compareScore(best) > 0)) {
                            best = s;
                        }
                    }
                    any |= best != null;
                    c.add(best == null ? Cell.NONE : meanAndSpread(best.score()));
                }
                if (any) {
                    t.add(c);
                }
            }
        }
        return t;
    }

    private Cell meanAndSpread(Stats s) {
        Cell mean = score(s.mean());
        return Double.isFinite(s.sd()) ? new Cell(mean.text() + " ± " + score(s.sd()).text(), mean.csv()) : mean;
    }

    /** Every setting, with the whole model's ψ and stored bytes too. */
    Table settings() {
        List<String> h = new ArrayList<>(settingHeader());
        h.addAll(List.of("model ψ", "bytes"));
        Table t = new Table("Every setting", prefix + "settings", h);
        for (Setting s : e.settings()) {
            List<Cell> c = new ArrayList<>(settingCells(s));
            c.add(Cell.significant(s.modelOccupancy().mean(), 4));
            c.add(Cell.number(s.bytes().mean(), "%.0f"));
            t.add(c);
        }
        return t;
    }
}
