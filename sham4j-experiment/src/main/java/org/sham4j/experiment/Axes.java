package org.sham4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.quant.Quantizer;
import org.sham4j.core.quant.QuantizerSpec;

/** The axes of a sweep's grid: their names in row order, what each takes, and its value when the spec omits it. */
final class Axes {
    /** Every axis, in the order of a results row's {@code config}. */
    static final List<String> NAMES = List.of("layers", "prune", "pruneSteps", "pruneScope", "method", "k",
            "unified", "format", "finetuneEpochs", "finetuneSamples", "lr", "optimizer", "schedule", "batch",
            "weightDecay", "trainable", "seed");

    static final Set<String> LAYERS = Set.of("dense", "conv", "all");
    static final Set<String> SCOPES = Set.of("global", "layer");
    static final Set<String> OPTIMIZERS = Set.of("sgd", "adam");
    static final Set<String> SCHEDULES = Set.of("fixed", "cosine");
    static final Set<String> TRAINABLE = Set.of("all", "selected");

    private Axes() {
    }

    /** {@code none} and every quantizer {@link QuantizerSpec} knows. */
    static Set<String> methods() {
        Set<String> m = new LinkedHashSet<>();
        m.add(Configuration.NONE);
        m.addAll(QuantizerSpec.METHODS);
        return m;
    }

    /** {@code auto} and every registered format. */
    static Set<String> formats() {
        Set<String> f = new LinkedHashSet<>();
        f.add("auto");
        for (MatrixFormat format : Formats.all()) {
            f.add(format.name());
        }
        return f;
    }

    /** The value of an axis the spec leaves out (null for k: a method that shares weights needs it given). */
    static Object defaultValue(String axis) {
        return switch (axis) {
            case "layers" -> "all";
            case "prune" -> List.of(0.0);
            case "pruneSteps" -> 1;
            case "pruneScope" -> "global";
            case "method" -> Configuration.NONE;
            case "k", "finetuneSamples" -> null;
            case "unified" -> false;
            case "format" -> "auto";
            case "finetuneEpochs" -> 1;
            case "lr" -> 1e-4;
            case "optimizer" -> "adam";
            case "schedule" -> "cosine";
            case "batch" -> 128;
            case "weightDecay" -> 0.0;
            case "trainable" -> "all";
            case "seed" -> 1L;
            default -> throw new IllegalArgumentException("no axis " + axis);
        };
    }

    /** One value of an axis, checked. */
    static Object parse(String axis, SpecNode v) {
        return switch (axis) {
            case "layers" -> v.choice(LAYERS);
            case "prune" -> prune(v);
            case "pruneSteps" -> v.integer(1, 1000);
            case "pruneScope" -> v.choice(SCOPES);
            case "method" -> v.choice(methods());
            case "k" -> v.integer(1, Quantizer.MAX_K);
            case "unified" -> v.bool();
            case "format" -> v.choice(formats());
            case "finetuneEpochs" -> v.integer(0, 10_000);
            case "finetuneSamples" -> v.isText("all") ? null : v.integer(1, Integer.MAX_VALUE);
            case "lr" -> v.number(0, 10, true);
            case "optimizer" -> v.choice(OPTIMIZERS);
            case "schedule" -> v.choice(SCHEDULES);
            case "batch" -> v.integer(1, 1 << 20);
            case "weightDecay" -> v.number(0, 1, false);
            case "trainable" -> v.choice(TRAINABLE);
            case "seed" -> v.longValue();
            default -> throw new IllegalArgumentException("no axis " + axis);
        };
    }

    /** A pruning target: one percentage, or a list of one per selected layer. */
    private static List<Double> prune(SpecNode v) {
        List<Double> out = new ArrayList<>();
        if (v.isArray()) {
            for (SpecNode p : v.items()) {
                out.add(p.number(0, 100, false));
            }
        } else {
            out.add(v.number(0, 100, false));
        }
        return out;
    }

    /** The configuration at one point of the grid (every axis given). */
    @SuppressWarnings("unchecked")
    static Configuration configuration(Map<String, Object> p) {
        return new Configuration((String) p.get("layers"), (List<Double>) p.get("prune"), (Integer) p.get("pruneSteps"),
                (String) p.get("pruneScope"), (String) p.get("method"), (Integer) p.get("k"),
                (Boolean) p.get("unified"), (String) p.get("format"), (Integer) p.get("finetuneEpochs"),
                (Integer) p.get("finetuneSamples"), (Double) p.get("lr"), (String) p.get("optimizer"),
                (String) p.get("schedule"), (Integer) p.get("batch"), (Double) p.get("weightDecay"),
                (String) p.get("trainable"), (Long) p.get("seed"));
    }

    /** Percentages as written: {@code 90}, {@code 95.5}, or {@code 95.5,90,70}. */
    static String text(List<Double> values) {
        return values.stream().map(v -> v == Math.rint(v) ? Long.toString(v.longValue()) : Double.toString(v))
                .collect(Collectors.joining(","));
    }
}
