package org.sham4j.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** One configuration of a sweep and its repeats (seeds): the means and spreads that tables and plots show. */
final class Setting {
    private final List<SweepRow> runs;
    private final Stats score;
    private final Stats baseline;
    private final Stats occupancy;
    private final Stats modelOccupancy;
    private final Stats timeRatio;
    private final Stats energy;
    private final Stats baseEnergy;
    private final Stats bytes;

    Setting(List<SweepRow> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a setting needs a run");
        }
        this.runs = List.copyOf(runs);
        score = stats(SweepRow::score);
        baseline = stats(SweepRow::baseline);
        occupancy = stats(SweepRow::occupancy);
        modelOccupancy = stats(SweepRow::modelOccupancy);
        timeRatio = stats(SweepRow::timeRatio);
        energy = stats(SweepRow::energyPerSample);
        baseEnergy = stats(SweepRow::baseEnergyPerSample);
        bytes = stats(SweepRow::bytes);
    }

    private Stats stats(ToDoubleFunction<SweepRow> f) {
        return Stats.of(runs.stream().mapToDouble(f).toArray());
    }

    /** The first run: what every run of the setting shares (all but the seed). */
    SweepRow row() {
        return runs.get(0);
    }

    int seeds() {
        return runs.size();
    }

    Stats score() {
        return score;
    }

    Stats baseline() {
        return baseline;
    }

    Stats occupancy() {
        return occupancy;
    }

    Stats modelOccupancy() {
        return modelOccupancy;
    }

    Stats timeRatio() {
        return timeRatio;
    }

    Stats energy() {
        return energy;
    }

    Stats bytes() {
        return bytes;
    }

    /** Energy per sample against the original model's, NaN when either is unknown. */
    double energyRatio() {
        return energy.mean() / baseEnergy.mean();
    }

    /** Mean score minus mean baseline: positive is better for accuracy, negative for MSE. */
    double difference() {
        return score.mean() - baseline.mean();
    }

    /** Whether the mean score is at least as good as the mean baseline. */
    boolean matchesBaseline() {
        return row().higherIsBetter() ? score.mean() >= baseline.mean() : score.mean() <= baseline.mean();
    }

    /** Positive when this setting's mean score is better than {@code other}'s. */
    int compareScore(Setting other) {
        int c = Double.compare(score.mean(), other.score.mean());
        return row().higherIsBetter() ? c : -c;
    }

    /** Whether this setting is better in score and no larger, or smaller and no worse: it dominates. */
    boolean dominates(Setting o) {
        int s = compareScore(o);
        int size = Double.compare(o.occupancy.mean(), occupancy.mean());
        return s >= 0 && size >= 0 && (s > 0 || size > 0);
    }
}
