package org.sham4j.djl;

import java.util.Locale;
import java.util.Set;

/**
 * How to train: epochs, learning rate and its schedule, batch size, optimiser (SGD with momentum 0.9, or Adam),
 * seed, L2 weight decay, and the nodes whose parameters stay fixed.
 *
 * @param weightDecay L2 penalty coefficient added to every trained parameter's gradient (0 for none)
 * @param frozen      names of nodes whose weights and biases do not train (no gradient flows into them)
 */
public record TrainingOptions(int epochs, float learningRate, Schedule schedule, int batchSize, Optimizer optimizer,
                              long seed, float weightDecay, Set<String> frozen) {
    /** How the learning rate changes over the steps of the whole training. */
    public enum Schedule {
        /** The same rate throughout. */
        FIXED,
        /** Half a cosine wave from the rate down to zero at the last step. */
        COSINE;

        public static Schedule byName(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown schedule '" + name + "', expected fixed or cosine");
            }
        }
    }

    /** The optimisers offered. */
    public enum Optimizer {
        SGD, ADAM;

        public static Optimizer byName(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown optimizer '" + name + "', expected sgd or adam");
            }
        }
    }

    public TrainingOptions {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("epochs, batch size and learning rate must be positive");
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
        }
        frozen = Set.copyOf(frozen);
    }

    /** Options without weight decay, every node training. */
    public TrainingOptions(int epochs, float learningRate, Schedule schedule, int batchSize, Optimizer optimizer,
            long seed) {
        this(epochs, learningRate, schedule, batchSize, optimizer, seed, 0f, Set.of());
    }

    /** These options with the given nodes' parameters held fixed. */
    public TrainingOptions withFrozen(Set<String> nodes) {
        return new TrainingOptions(epochs, learningRate, schedule, batchSize, optimizer, seed, weightDecay, nodes);
    }
}
