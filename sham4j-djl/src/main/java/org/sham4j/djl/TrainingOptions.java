package org.sham4j.djl;

import java.util.Locale;

/**
 * How to train: epochs, learning rate and its schedule, batch size, optimiser (SGD with momentum 0.9, or Adam)
 * and seed.
 */
public record TrainingOptions(int epochs, float learningRate, Schedule schedule, int batchSize, Optimizer optimizer,
                              long seed) {
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
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs, batch size and learning rate must be positive");
        }
    }
}
