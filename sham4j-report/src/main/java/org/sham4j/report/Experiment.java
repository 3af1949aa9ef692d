package org.sham4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sweep rows of one model, data set, layer group and metric, grouped into settings (a configuration and its
 * seeds) in a stable order: by method, k, pruning level, then per-layer before unified.
 */
final class Experiment {
    /** Quantizers in the order tables list them; others follow by name. */
    static final List<String> METHOD_ORDER = List.of("none", "cws", "cws-linear", "cws-density",
            "cws-random", "cws-kmeans++", "cws-dp", "pws", "uq", "ecsq");
    /** Configuration keys with columns of their own (or shared by the whole experiment). */
    private static final Set<String> SHOWN = Set.of("model", "data", "layers", "prune", "method", "k", "unified",
            "format", "seed");

    static final Comparator<String> METHODS = Comparator
            .comparingInt((String m) -> METHOD_ORDER.contains(m) ? METHOD_ORDER.indexOf(m) : METHOD_ORDER.size())
            .thenComparing(Comparator.naturalOrder());

    private final String title;
    private final List<Setting> settings;
    private final List<String> otherKeys;
    private final Map<String, String> shared;
    private final boolean formatsVary;

    private Experiment(String title, List<Setting> settings) {
        this.title = title;
        this.settings = settings;
        // a null value is a setting that does not apply (e.g. fine-tuning where nothing trains), not a difference,
        // and the original itself (no pruning, no sharing) has no settings beside its axes
        List<Setting> changed = settings.stream().filter(s -> !s.row().method().equals("none")
                || s.row().pruneOrder() != 0).toList();
        Map<String, Set<String>> values = new TreeMap<>();
        for (Setting s : changed) {
            s.row().config().fields().forEachRemaining(e -> {
                Set<String> v = values.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
                if (!e.getValue().isNull()) {
                    v.add(Json.canonical(e.getValue()));
                }
            });
        }
        this.otherKeys = values.entrySet().stream().filter(e -> !SHOWN.contains(e.getKey()))
                .filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        Map<String, String> same = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!SHOWN.contains(k) && v.size() == 1) {
                changed.stream().map(s -> s.row().config().get(k)).filter(n -> n != null && !n.isNull())
                        .findFirst().ifPresent(n -> same.put(k, Json.display(n)));
            }
        });
        this.shared = same;
        this.formatsVary = settings.stream().map(s -> s.row().format()).distinct().count() > 1;
    }

    /** The experiments among {@code rows}, in order of first appearance. */
    static List<Experiment> of(List<SweepRow> rows) {
        Map<String, Map<String, List<SweepRow>>> byExperiment = new LinkedHashMap<>();
        for (SweepRow r : rows) {
            byExperiment.computeIfAbsent(r.experiment(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.setting(), k -> new ArrayList<>()).add(r);
        }
        List<Experiment> out = new ArrayList<>();
        byExperiment.forEach((title, settings) -> {
            List<Setting> list = new ArrayList<>(settings.values().stream().map(Setting::new).toList());
            list.sort(Comparator.comparing((Setting s) -> s.row().method(), METHODS)
                    .thenComparing(s -> s.row().k() == null ? 0 : s.row().k())
                    .thenComparing(s -> s.row().pruneOrder(), Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(s -> s.row().prune())
                    .thenComparing(s -> s.row().unified())
                    .thenComparing(s -> s.row().format())
                    .thenComparing(s -> s.row().setting()));
            out.add(new Experiment(title, list));
        });
        return out;
    }

    String title() {
        return title;
    }

    List<Setting> settings() {
        return settings;
    }

    SweepRow first() {
        return settings.get(0).row();
    }

    boolean accuracy() {
        return first().higherIsBetter();
    }

    /** The original model's score, over every run. */
    Stats baseline() {
        return Stats.of(settings.stream().mapToDouble(s -> s.baseline().mean()).toArray());
    }

    /**
     * The settings near the baseline: accuracy at most 2 points below it, or MSE at most 20 % above it; what a
     * plot of every setting squeezes when some settings fall far from the baseline.
     */
    List<Setting> nearBaseline() {
        double b = baseline().mean();
        return settings.stream().filter(s -> accuracy() ? s.score().mean() >= b - 0.02
                : s.score().mean() <= b * 1.2).toList();
    }

    /** How near the baseline {@link #nearBaseline()} keeps, in words. */
    String nearBaselineWords() {
        return accuracy() ? "within 2 points of the baseline" : "MSE within 20 % of the baseline";
    }

    /** What the rows share: the model and data set, e.g. {@code lenet-300-100 on mnist}. */
    String label() {
        return first().modelName() + " on " + first().dataName();
    }

    /**
     * Configuration keys outside the usual axes with one value in every setting they apply to (fine-tuning
     * settings, say), by name, with that value: stated once rather than in every row.
     */
    Map<String, String> shared() {
        return shared;
    }

    /** Configuration keys outside the usual axes whose values differ between settings (nulls aside). */
    List<String> otherKeys() {
        return otherKeys;
    }

    boolean formatsVary() {
        return formatsVary;
    }

    /** The values of {@link #otherKeys()} in a setting, as {@code key=value, ...}. */
    String others(Setting s) {
        List<String> parts = new ArrayList<>();
        for (String k : otherKeys) {
            JsonNode v = s.row().config().get(k);
            parts.add(k + "=" + (v == null ? "–" : Json.display(v)));
        }
        return String.join(", ", parts);
    }

    /** Methods in table order. */
    List<String> methods() {
        Set<String> m = new LinkedHashSet<>();
        settings.forEach(s -> m.add(s.row().method()));
        return m.stream().sorted(METHODS).toList();
    }

    /** A file-name-safe form of the title. */
    String slug() {
        return Report.slug(first().modelName() + "-" + first().dataName() + "-" + first().layers());
    }
}
