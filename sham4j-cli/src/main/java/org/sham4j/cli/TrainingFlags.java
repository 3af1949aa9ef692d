package org.sham4j.cli;

import java.util.Set;
import org.sham4j.djl.TrainingOptions;
import picocli.CommandLine.Option;

/** The training options {@code train} and {@code compress} share (their epochs and learning rate differ). */
final class TrainingFlags {
    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "fixed|cosine",
            description = "learning rate fixed, or on a cosine from LR down to 0 over each training (default "
                    + "${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "sgd|adam",
            description = "sgd (momentum 0.9) or adam (default ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "L2",
            description = "L2 weight decay added to the gradients (default ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of initial weights, shuffling and dropout (default ${DEFAULT-VALUE})")
    long seed;

    /** The options for a training of {@code epochs} epochs at {@code learningRate}, the given nodes frozen. */
    TrainingOptions options(int epochs, float learningRate, Set<String> frozen) {
        return new TrainingOptions(epochs, learningRate, TrainingOptions.Schedule.byName(schedule), batch,
                TrainingOptions.Optimizer.byName(optimizer), seed, weightDecay, frozen);
    }
}
