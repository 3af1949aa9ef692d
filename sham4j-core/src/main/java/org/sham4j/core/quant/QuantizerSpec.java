package org.sham4j.core.quant;

import java.util.List;
import java.util.Locale;

/**
 * A quantizer and its k as written on a command line, {@code method:k}. Methods: cws (= cws-linear),
 * cws-linear, cws-density, cws-random, cws-kmeans++ (k-means by Lloyd iterations from that initialisation),
 * cws-dp (exact k-means), pws, uq, ecsq (least lambda giving at most k values). Random methods use
 * {@link #SEED}.
 */
public final class QuantizerSpec {
    /** The seed of the random methods. */
    public static final long SEED = 42;

    /** The accepted method names. */
    public static final List<String> METHODS = List.of("cws", "cws-linear", "cws-density", "cws-random",
            "cws-kmeans++", "cws-dp", "pws", "uq", "ecsq");

    private final String method;
    private final int k;
    private final Quantizer quantizer;

    private QuantizerSpec(String method, int k, Quantizer quantizer) {
        this.method = method;
        this.k = k;
        this.quantizer = quantizer;
    }

    /**
     * Parses e.g. "cws:32" or "ecsq:16" (method names are case-insensitive).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static QuantizerSpec parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0 || colon != s.lastIndexOf(':')) {
            throw new IllegalArgumentException("quantizer spec '" + spec + "' must be method:k, e.g. cws:32");
        }
        String method = s.substring(0, colon);
        String kText = s.substring(colon + 1);
        Quantizer q = switch (method) {
            case "cws", "cws-linear" -> new CwsQuantizer(CwsQuantizer.Init.LINEAR, SEED);
            case "cws-density" -> new CwsQuantizer(CwsQuantizer.Init.DENSITY, SEED);
            case "cws-random" -> new CwsQuantizer(CwsQuantizer.Init.RANDOM, SEED);
            case "cws-kmeans++" -> new CwsQuantizer(CwsQuantizer.Init.KMEANS_PP, SEED);
            case "cws-dp" -> new ExactKMeans();
            case "pws" -> new PwsQuantizer(SEED);
            case "uq" -> new UniformQuantizer();
            case "ecsq" -> new EcsqQuantizer();
            default -> throw new IllegalArgumentException("unknown quantizer '" + method + "', expected one of "
                    + String.join(", ", METHODS));
        };
        int k;
        try {
            k = Integer.parseInt(kText);
        } catch (NumberFormatException e) {
            k = 0;
        }
        if (k < 1 || k > Quantizer.MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + Quantizer.MAX_K + ", got '" + kText
                    + "'");
        }
        return new QuantizerSpec(method, k, q);
    }

    /** The method name as written (lower case). */
    public String method() {
        return method;
    }

    public int k() {
        return k;
    }

    public Quantizer quantizer() {
        return quantizer;
    }

    @Override
    public String toString() {
        return method + ":" + k;
    }
}
