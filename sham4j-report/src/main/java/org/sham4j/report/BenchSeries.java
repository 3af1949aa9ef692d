package org.sham4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.sham4j.report.Table.Cell;

/**
 * The bench records of one matrix (with one way of sharing its values): every format at every pruning level, the
 * data of the papers' Figure 1. A record repeated for the same level and format replaces the earlier one.
 */
final class BenchSeries {
    /**
     * A quantity of a bench record the tables and plots show.
     *
     * @param title what it is, e.g. {@code Product time}
     * @param file  the suffix of its files
     * @param unit  its unit in full, for titles
     * @param axis  its unit in short, for an axis
     */
    record Measure(String title, String file, String unit, String axis, ToDoubleFunction<BenchPoint> value) {
    }

    static final List<Measure> MEASURES = List.of(
            new Measure("Size", "bits", "bits per entry", "bits per entry", BenchPoint::bitsPerEntry),
            new Measure("Product time", "time", "µs per product (one vector, one thread)",
                    "µs per product, one vector on one thread",
                    BenchPoint::vectorMicros),
            new Measure("Energy", "energy", "nJ per product (estimated)", "nJ per product", BenchPoint::nanojoules));

    private final String name;
    private final Map<String, Map<Double, BenchPoint>> byFormat = new LinkedHashMap<>();
    private final TreeSet<Double> levels = new TreeSet<>();

    private BenchSeries(String name) {
        this.name = name;
    }

    /** The series among {@code points}, in order of first appearance; replaced records go to {@code warnings}. */
    static List<BenchSeries> of(List<BenchPoint> points, List<String> warnings) {
        Map<String, BenchSeries> series = new LinkedHashMap<>();
        for (BenchPoint p : points) {
            BenchSeries s = series.computeIfAbsent(p.series(), BenchSeries::new);
            BenchPoint old = s.byFormat.computeIfAbsent(p.format(), f -> new LinkedHashMap<>()).put(p.prune(), p);
            if (old != null) {
                warnings.add(p.where() + " replaces " + old.where() + " (" + p.series() + ", " + p.format()
                        + ", prune " + p.prune() + ")");
            }
            s.levels.add(p.prune());
        }
        return new ArrayList<>(series.values());
    }

    String name() {
        return name;
    }

    List<String> formats() {
        return new ArrayList<>(byFormat.keySet());
    }

    List<Double> levels() {
        return new ArrayList<>(levels);
    }

    /** The record of a format at a level, or null. */
    BenchPoint at(String format, double level) {
        return byFormat.get(format).get(level);
    }

    /** Whether any record has a finite value of {@code m}. */
    boolean has(Measure m) {
        return byFormat.values().stream().flatMap(v -> v.values().stream())
                .anyMatch(p -> Double.isFinite(m.value().applyAsDouble(p)));
    }

    /** The shape of the matrix, e.g. {@code 784x300}. */
    String shape() {
        BenchPoint p = byFormat.values().iterator().next().values().iterator().next();
        return p.rows() + "x" + p.cols();
    }

    /** One table per measure: formats by rows, pruning levels by columns. */
    Table table(Measure m, String prefix) {
        List<String> header = new ArrayList<>(List.of("format"));
        levels.forEach(l -> header.add("p=" + Json.display(l) + "%"));
        Table t = new Table(m.title() + " in " + m.unit() + ": " + name, prefix + m.file(), header);
        for (String f : byFormat.keySet()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(f)));
            for (double l : levels) {
                BenchPoint p = at(f, l);
                row.add(p == null ? Cell.NONE : Cell.significant(m.value().applyAsDouble(p), 4));
            }
            t.add(row);
        }
        return t;
    }
}
