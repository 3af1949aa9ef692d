package org.sham4j.compress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.LayerSelection;

/**
 * What a compression does to a model: which layers, how far to prune them (one target for all, or one per selected
 * layer in node order) in how many rounds and with which scope, which quantizer shares their weights (none: no
 * sharing), one codebook for all or one per layer, which storage format (null: the smallest exact one per layer),
 * and how fine-tuning runs after each pruning round and after sharing.
 *
 * @param layers         the layers compressed
 * @param prune          percent of weights pruned, 0-100: empty for no pruning, one value, or one per selected layer
 * @param pruneSteps     rounds of prune + retrain, the sparsity rising on a cubic schedule (at least 1)
 * @param pruneScope     one threshold for all selected layers, or the same percent of each
 * @param quantizer      the weight sharing, or null for none
 * @param unified        one codebook for all selected layers (else one per layer)
 * @param format         the storage of the selected layers, or null for a format per layer chosen by {@code prefer}
 * @param prefer         how a format per layer is chosen when {@code format} is null (size, speed or balanced)
 * @param finetuneEpochs epochs of retraining after each pruning round and of shared-value training (0: none)
 * @param training       optimiser, learning rate, schedule, batch, seed and weight decay of fine-tuning; its epochs
 *                       are {@code max(1, finetuneEpochs)}
 * @param trainable      which layers fine-tuning updates
 */
public record CompressionPlan(LayerSelection layers, List<Double> prune, int pruneSteps, PruneScope pruneScope,
                              QuantizerSpec quantizer, boolean unified, MatrixFormat format,
                              Encoding.Preference prefer, int finetuneEpochs, TrainingOptions training,
                              Trainable trainable) {
    /** Fine-tuning's defaults, as {@code sham compress} has them: Adam at 1e-4 on a cosine, batch 128, seed 1. */
    public static final TrainingOptions DEFAULT_TRAINING = new TrainingOptions(1, 1e-4f,
            TrainingOptions.Schedule.COSINE, 128, TrainingOptions.Optimizer.ADAM, 1);

    /** How pruning spreads over the selected layers. */
    public enum PruneScope {
        /** One magnitude threshold for all selected layers together. */
        GLOBAL,
        /** The same percent of each selected layer. */
        LAYER;

        /** {@code global} or {@code layer} (case-insensitive). */
        public static PruneScope byName(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "global" -> GLOBAL;
                case "layer" -> LAYER;
                default -> throw new IllegalArgumentException("unknown prune scope '" + name
                        + "', expected layer or global");
            };
        }
    }

    /** The layers fine-tuning updates. */
    public enum Trainable {
        /** Every layer. */
        ALL,
        /** Only the selected layers; the others stay fixed (no gradient flows through them). */
        SELECTED;

        /** {@code all} or {@code selected} (case-insensitive). */
        public static Trainable byName(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "selected" -> SELECTED;
                default -> throw new IllegalArgumentException("unknown trainable '" + name
                        + "', expected all or selected");
            };
        }
    }

    public CompressionPlan {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(pruneScope, "pruneScope");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(trainable, "trainable");
        prune = List.copyOf(prune);
        for (double p : prune) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("prune must be a percentage between 0 and 100, got " + p);
            }
        }
        if (pruneSteps < 1) {
            throw new IllegalArgumentException("prune steps must be at least 1, got " + pruneSteps);
        }
        if (finetuneEpochs < 0) {
            throw new IllegalArgumentException("fine-tuning epochs must be at least 0, got " + finetuneEpochs);
        }
        training = new TrainingOptions(Math.max(1, finetuneEpochs), training.learningRate(), training.schedule(),
                training.batchSize(), training.optimizer(), training.seed(), training.weightDecay(),
                training.frozen());
    }

    /** Whether the plan prunes. */
    public boolean prunes() {
        return !prune.isEmpty();
    }

    /** Whether fine-tuning runs: epochs after pruning or sharing. */
    public boolean trains() {
        return finetuneEpochs > 0 && (prunes() || quantizer != null);
    }

    /** Whether each selected layer has its own pruning target. */
    public boolean prunesPerLayer() {
        return prune.size() > 1;
    }

    /** A builder starting from no pruning, no sharing, all layers, the smallest formats and 2 fine-tuning epochs. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a plan step by step; {@link #build()} validates it. */
    public static final class Builder {
        private LayerSelection layers = LayerSelection.ALL;
        private List<Double> prune = List.of();
        private int pruneSteps = 1;
        private PruneScope pruneScope = PruneScope.GLOBAL;
        private QuantizerSpec quantizer;
        private boolean unified;
        private MatrixFormat format;
        private Encoding.Preference prefer = Encoding.Preference.SIZE;
        private int finetuneEpochs = 2;
        private TrainingOptions training = DEFAULT_TRAINING;
        private Trainable trainable = Trainable.ALL;

        private Builder() {
        }

        public Builder layers(LayerSelection selection) {
            this.layers = selection;
            return this;
        }

        /** Prune to these percentages: one for all selected layers, or one per selected layer. */
        public Builder prune(double... percent) {
            this.prune = Arrays.stream(percent).boxed().toList();
            return this;
        }

        public Builder prune(List<Double> percent) {
            this.prune = percent;
            return this;
        }

        public Builder pruneSteps(int steps) {
            this.pruneSteps = steps;
            return this;
        }

        public Builder pruneScope(PruneScope scope) {
            this.pruneScope = scope;
            return this;
        }

        /** Share weights as {@code method:k} says (e.g. {@code cws:16}), or null for no sharing. */
        public Builder quantize(String spec) {
            this.quantizer = spec == null ? null : QuantizerSpec.parse(spec);
            return this;
        }

        public Builder quantizer(QuantizerSpec spec) {
            this.quantizer = spec;
            return this;
        }

        public Builder unified(boolean oneCodebook) {
            this.unified = oneCodebook;
            return this;
        }

        /** A format by name, or {@code auto} for the smallest per layer. */
        public Builder format(String name) {
            this.format = name.trim().equalsIgnoreCase("auto") ? null : Formats.byName(name);
            return this;
        }

        public Builder format(MatrixFormat f) {
            this.format = f;
            return this;
        }

        /** How {@code auto} picks each layer's format: {@code size}, {@code speed} or {@code balanced}. */
        public Builder prefer(String preference) {
            this.prefer = Encoding.Preference.parse(preference);
            return this;
        }

        public Builder finetuneEpochs(int epochs) {
            this.finetuneEpochs = epochs;
            return this;
        }

        public Builder training(TrainingOptions options) {
            this.training = options;
            return this;
        }

        public Builder trainable(Trainable which) {
            this.trainable = which;
            return this;
        }

        public CompressionPlan build() {
            return new CompressionPlan(layers, prune, pruneSteps, pruneScope, quantizer, unified, format, prefer,
                    finetuneEpochs, training, trainable);
        }
    }
}
