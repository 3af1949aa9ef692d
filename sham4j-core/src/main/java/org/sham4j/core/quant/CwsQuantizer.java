package org.sham4j.core.quant;

import java.util.SplittableRandom;

/**
 * Clustering-based weight sharing (CWS, Han et al.): k-means on the weights by Lloyd iterations from a
 * chosen initialisation, run on the sorted distinct values with their counts. Seeded initialisations give
 * the same result for the same seed.
 */
public final class CwsQuantizer extends HistogramQuantizer {
    /** How the k initial centres are chosen. */
    public enum Init {
        /** Evenly spaced between the smallest and largest weight: the best choice according to Han et al. */
        LINEAR("linear"),
        /** Quantiles of the weights. */
        DENSITY("density"),
        /** Distinct weights drawn at random in proportion to their counts. */
        RANDOM("random"),
        /** k-means++. */
        KMEANS_PP("kmeans++");

        private final String label;

        Init(String label) {
            this.label = label;
        }

        /** The name used in a quantizer spec, e.g. "kmeans++". */
        public String label() {
            return label;
        }
    }

    private final Init init;
    private final long seed;

    /** Linear initialisation. */
    public CwsQuantizer() {
        this(Init.LINEAR, 0);
    }

    /** The given initialisation; the seed matters only to {@link Init#RANDOM} and {@link Init#KMEANS_PP}. */
    public CwsQuantizer(Init init, long seed) {
        this.init = init;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "cws-" + init.label();
    }

    @Override
    Codes fit(Histogram h, int k) {
        double[] centres = switch (init) {
            case LINEAR -> Seeding.linear(h, k);
            case DENSITY -> Seeding.density(h, k);
            case RANDOM -> Seeding.random(h, k, new SplittableRandom(seed));
            case KMEANS_PP -> Seeding.kMeansPlusPlus(h, k, new SplittableRandom(seed));
        };
        return Lloyd.run(h, centres, 0);
    }
}
