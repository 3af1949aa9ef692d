package org.sham4j.compress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sham4j.data.Evaluation;

/**
 * What one stage of a compression did and measured: the frozen head run once, a pruning round, a training
 * (retraining after pruning, or shared-value training), the weight sharing, the encoding, or the final score. Each
 * says what it did in one line.
 */
public sealed interface Stage {
    /**
     * A short name: {@code frozen head}, {@code prune 1/4}, {@code retrain 1/4}, {@code quantize},
     * {@code shared-value training}, ...
     */
    String name();

    /** Wall time of the stage. */
    double seconds();

    /** One line saying what the stage did and measured. */
    String describe();

    /** What the stage measured, by name, in a fixed order, starting with {@code stage}: its {@link #name()}. */
    Map<String, Object> fields();

    /** The fields of a score: {@code accuracy}, or {@code mse} and {@code ci}. */
    private static Map<String, Object> score(Map<String, Object> fields, Evaluation e, boolean classification) {
        if (classification) {
            fields.put("accuracy", e.accuracy());
        } else {
            fields.put("mse", e.mse());
            fields.put("ci", e.concordanceIndex());
        }
        return fields;
    }

    private static Map<String, Object> named(Stage s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stage", s.name());
        fields.put("seconds", s.seconds());
        return fields;
    }

    /**
     * The frozen head ({@code layers} weighted layers and what follows them up to the first trained one) run once on
     * {@code samples} training and test samples on the Java runtime, giving {@code bytes} of results that every
     * later stage reuses; {@code reused} when an earlier compression of the same model and data computed them.
     */
    record Head(int layers, int samples, long bytes, boolean reused, double seconds) implements Stage {
        @Override
        public String name() {
            return "frozen head";
        }

        @Override
        public String describe() {
            return String.format("frozen head: %d weighted layer(s) run once on %d samples, %.1f MB of results %s",
                    layers, samples, bytes / 1e6, reused ? "(reused from an earlier compression)"
                            : String.format("(%.1f s)", seconds));
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = named(this);
            f.put("layers", layers);
            f.put("samples", samples);
            f.put("bytes", bytes);
            f.put("reused", reused);
            return f;
        }
    }

    /**
     * Round {@code round} of {@code rounds} pruned the selected layers to {@code sparsity} percent zeros overall.
     *
     * @param mode {@code global}, {@code per layer} or {@code own sparsity per layer}
     */
    record PruneRound(int round, int rounds, double sparsity, int layers, String mode, double seconds)
            implements Stage {
        @Override
        public String name() {
            return "prune " + round + "/" + rounds;
        }

        @Override
        public String describe() {
            return String.format("prune round %d/%d: %.2f%% of %d layer(s) pruned (%s)", round, rounds, sparsity,
                    layers, mode);
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = named(this);
            f.put("sparsity", sparsity);
            return f;
        }
    }

    /**
     * A fine-tuning of {@code epochs} epochs: its last epoch's mean training loss and test score (on DJL).
     *
     * @param name {@code retrain R/S} or {@code shared-value training}
     */
    record Training(String name, int epochs, double loss, Evaluation test, boolean classification, double seconds)
            implements Stage {
        @Override
        public String describe() {
            return String.format("%s: %d epoch(s), loss %.4f, test %s (%.1f s)", name, epochs, loss,
                    Metric.describe(test, classification), seconds);
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = named(this);
            f.put("epochs", epochs);
            f.put("loss", loss);
            return score(f, test, classification);
        }
    }

    /** Weight sharing with {@code quantizer}: the sizes of its codebooks (one, unified, or one per layer). */
    record Quantize(String quantizer, boolean unified, List<Integer> codebookSizes, double seconds)
            implements Stage {
        public Quantize {
            codebookSizes = List.copyOf(codebookSizes);
        }

        @Override
        public String name() {
            return "quantize";
        }

        @Override
        public String describe() {
            String sizes = codebookSizes.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return unified ? String.format("quantize: %s, unified: one codebook of %s values", quantizer, sizes)
                    : String.format("quantize: %s, per layer: %d codebooks of %s values", quantizer,
                            codebookSizes.size(), sizes);
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = named(this);
            f.put("quantizer", quantizer);
            f.put("unified", unified);
            f.put("codebooks", codebookSizes.size());
            f.put("codebookSizes", codebookSizes);
            return f;
        }
    }

    /**
     * The selected layers stored in {@code format} ({@code null}: each in the format the plan's preference chose);
     * the model file then takes {@code fileBytes}; {@code choices} says per layer what was chosen and why.
     */
    record Encode(String format, int layers, long fileBytes, double seconds, List<String> choices) implements Stage {
        @Override
        public String name() {
            return "encode";
        }

        @Override
        public String describe() {
            return String.format("encode: %d layer(s) %s, model file %d bytes", layers,
                    format == null ? "each in its own format" : "in " + format, fileBytes)
                    + (format == null ? choices.stream().map(c -> "\n  " + c).reduce("", String::concat) : "");
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> f = named(this);
            f.put("format", format == null ? "auto" : format);
            f.put("fileBytes", fileBytes);
            return f;
        }
    }

    /** The compressed model scored on the test samples by the pure-Java runtime, from its stored layers. */
    record Score(Evaluation test, boolean classification, double seconds) implements Stage {
        @Override
        public String name() {
            return "score";
        }

        @Override
        public String describe() {
            return String.format("score: test %s on the Java runtime (%d samples)",
                    Metric.describe(test, classification), test.samples());
        }

        @Override
        public Map<String, Object> fields() {
            return score(named(this), test, classification);
        }
    }
}
