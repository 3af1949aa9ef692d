package org.sham4j.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.compress.CompressionPlan;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.compress.LayerSelection;

/**
 * One point of a sweep's grid, normalised so that settings that change nothing are not told apart: with no
 * pruning (every target 0) the prune steps are 1 and the scope global; with one target per layer the scope is
 * {@code layer}; without fine-tuning between them, prune steps are 1 (rounds of magnitude pruning alone end where
 * one round does); with method {@code none} there is no k and no unified codebook; and when nothing trains (no
 * epochs, or neither pruning nor sharing) the fine-tuning settings and the seed are null. Two grid points that
 * normalise to the same configuration run once.
 *
 * @param prune           percent pruned: one value, or one per selected layer; {@code [0]} for none
 * @param k               shared values, or null for method {@code none}
 * @param finetuneSamples training samples fine-tuning uses (a fixed subset), or null for all
 * @param seed            the seed of fine-tuning (initial order, dropout), or null when nothing trains
 */
public record Configuration(String layers, List<Double> prune, int pruneSteps, String pruneScope, String method,
                            Integer k, boolean unified, String format, int finetuneEpochs, Integer finetuneSamples,
                            Double lr, String optimizer, String schedule, Integer batch, Double weightDecay,
                            String trainable, Long seed) {
    /** The method that shares no weights. */
    public static final String NONE = "none";

    public Configuration {
        prune = List.copyOf(prune);
        boolean pruning = prune.stream().anyMatch(p -> p > 0);
        if (!pruning) {
            prune = List.of(0.0);
        }
        if (!pruning || prune.size() == 1 && finetuneEpochs == 0) {
            pruneSteps = 1;
        }
        if (!pruning) {
            pruneScope = "global";
        } else if (prune.size() > 1) {
            pruneScope = "layer";
        }
        if (NONE.equals(method)) {
            k = null;
            unified = false;
        } else if (k == null) {
            throw new IllegalArgumentException("method " + method + " needs a k");
        }
        if (finetuneEpochs == 0 || !pruning && NONE.equals(method)) {
            finetuneEpochs = 0;
            finetuneSamples = null;
            lr = null;
            optimizer = null;
            schedule = null;
            batch = null;
            weightDecay = null;
            trainable = null;
            seed = null;
        }
    }

    /** Whether any layer is pruned. */
    public boolean prunes() {
        return prune.stream().anyMatch(p -> p > 0);
    }

    /** Whether fine-tuning runs. */
    public boolean trains() {
        return finetuneEpochs > 0;
    }

    /** The plan the compression pipeline runs for this configuration. */
    public CompressionPlan plan() {
        CompressionPlan.Builder b = CompressionPlan.builder().layers(LayerSelection.byName(layers))
                .prune(prunes() ? prune : List.of()).pruneSteps(pruneSteps)
                .pruneScope(CompressionPlan.PruneScope.byName(pruneScope))
                .quantizer(NONE.equals(method) ? null : QuantizerSpec.parse(method + ":" + k)).unified(unified)
                .format(format).finetuneEpochs(finetuneEpochs);
        if (trains()) {
            b.training(new TrainingOptions(finetuneEpochs, lr.floatValue(), TrainingOptions.Schedule.byName(schedule),
                    batch, TrainingOptions.Optimizer.byName(optimizer), seed, weightDecay.floatValue(), Set.of()))
                    .trainable(CompressionPlan.Trainable.byName(trainable));
        }
        return b.build();
    }

    /**
     * The settings by their row names ({@code config} of a results row, without model and data), in a fixed order:
     * {@code prune} a number, or a list for one target per layer.
     */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("layers", layers);
        f.put("prune", prune.size() == 1 ? prune.get(0) : new ArrayList<>(prune));
        f.put("pruneSteps", pruneSteps);
        f.put("pruneScope", pruneScope);
        f.put("method", method);
        f.put("k", k);
        f.put("unified", unified);
        f.put("format", format);
        f.put("finetuneEpochs", finetuneEpochs);
        f.put("finetuneSamples", finetuneSamples);
        f.put("lr", lr);
        f.put("optimizer", optimizer);
        f.put("schedule", schedule);
        f.put("batch", batch);
        f.put("weightDecay", weightDecay);
        f.put("trainable", trainable);
        f.put("seed", seed);
        return f;
    }

    /** A short label for progress lines, e.g. {@code p90 cws:16 unified}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        sb.append(prunes() ? "p" + Axes.text(prune) + (pruneSteps > 1 ? "/" + pruneSteps : "") : "p0");
        sb.append(' ').append(NONE.equals(method) ? "no sharing" : method + ":" + k + (unified ? " unified" : ""));
        if (!"auto".equals(format)) {
            sb.append(' ').append(format);
        }
        if (seed != null) {
            sb.append(" seed ").append(seed);
        }
        return sb.toString();
    }
}
