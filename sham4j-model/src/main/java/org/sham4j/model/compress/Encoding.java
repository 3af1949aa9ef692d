package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/**
 * Stores the weights of a model's chosen layers in compressed formats: all in one format, or each in the format
 * that a {@link Preference} picks (the smallest exact encoding, the fastest product, or the smallest among the
 * fast ones), saying for each layer what it chose and why. The other layers keep the storage they have (a layer
 * left out of compression keeps its speed). Every format is exact, so the weights keep their values to the bit.
 */
public final class Encoding {
    /** How {@code auto} picks a layer's format. */
    public enum Preference {
        /** The smallest exact encoding. */
        SIZE,
        /** The lowest estimated product time (ties: the smaller). */
        SPEED,
        /** The smallest format whose estimated product time is at most {@link #BALANCED_SLOWDOWN} x the fastest's. */
        BALANCED;

        /** The preference of that name (case-insensitive). */
        public static Preference parse(String name) {
            for (Preference p : values()) {
                if (p.name().equalsIgnoreCase(name.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown preference '" + name + "', expected size, speed or balanced");
        }
    }

    /** How much slower than the fastest format a balanced choice may be. */
    public static final double BALANCED_SLOWDOWN = 2.0;

    /** What a layer got: its format, bytes, estimated time of a product per vector (ns), and why. */
    public record Choice(String node, String format, long bytes, double nanosPerVector, String reason) {
    }

    /** The re-encoded graph and each selected layer's choice, in node order. */
    public record Result(Graph graph, List<Choice> choices) {
    }

    private Encoding() {
    }

    /**
     * The graph with the weighted layers named in {@code nodes} re-encoded: in {@code format}, or when it is null
     * each in its smallest format.
     */
    public static Graph encode(Graph graph, List<String> nodes, MatrixFormat format) {
        return encode(graph, nodes, format, Preference.SIZE).graph();
    }

    /**
     * The graph with the weighted layers named in {@code nodes} re-encoded: in {@code format}, or when it is null
     * each in the format {@code preference} picks among all formats.
     */
    public static Result encode(Graph graph, List<String> nodes, MatrixFormat format, Preference preference) {
        List<Node> out = new ArrayList<>();
        List<Choice> choices = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer w && nodes.contains(n.name())) {
                SparseMatrix m = SparseMatrix.fromDense(w.weights().toDense());
                Choice choice;
                CompressedMatrix c;
                if (format != null) {
                    c = format.encode(m);
                    choice = new Choice(n.name(), format.name(), c.size().totalBytes(), ProductCost.nanosPerVector(
                            format.name(), m), "named format");
                } else {
                    List<CompressedMatrix> all = new ArrayList<>();
                    for (MatrixFormat f : Formats.all()) {
                        all.add(f.encode(m));
                    }
                    int pick = pick(all, m, preference);
                    c = all.get(pick);
                    choice = new Choice(n.name(), c.format().name(), c.size().totalBytes(),
                            ProductCost.nanosPerVector(c.format().name(), m), reason(all, m, pick, preference));
                }
                choices.add(choice);
                out.add(new Node(n.name(), w.withWeights(c), n.inputs(), n.output()));
            } else {
                out.add(n);
            }
        }
        return new Result(graph.withNodes(out), choices);
    }

    private static int pick(List<CompressedMatrix> all, SparseMatrix m, Preference preference) {
        int smallest = 0;
        int fastest = 0;
        for (int k = 1; k < all.size(); k++) {
            if (bytes(all, k) < bytes(all, smallest)) {
                smallest = k;
            }
            double t = nanos(all, k, m);
            double tf = nanos(all, fastest, m);
            if (t < tf || (t == tf && bytes(all, k) < bytes(all, fastest))) {
                fastest = k;
            }
        }
        switch (preference) {
            case SIZE:
                return smallest;
            case SPEED:
                return fastest;
            default:
                int best = fastest;
                double limit = BALANCED_SLOWDOWN * nanos(all, fastest, m);
                for (int k = 0; k < all.size(); k++) {
                    if (nanos(all, k, m) <= limit && bytes(all, k) < bytes(all, best)) {
                        best = k;
                    }
                }
                return best;
        }
    }

    private static String reason(List<CompressedMatrix> all, SparseMatrix m, int pick, Preference preference) {
        int smallest = pick(all, m, Preference.SIZE);
        int fastest = pick(all, m, Preference.SPEED);
        String chosen = describe(all, m, pick);
        switch (preference) {
            case SIZE:
                return "smallest: " + chosen + (fastest == pick ? ", also the fastest" : "; fastest would be "
                        + describe(all, m, fastest));
            case SPEED:
                return "fastest: " + chosen + (smallest == pick ? ", also the smallest" : "; smallest would be "
                        + describe(all, m, smallest));
            default:
                return String.format(Locale.ROOT, "smallest within %.0fx of the fastest (%s): %s%s", BALANCED_SLOWDOWN,
                        describe(all, m, fastest), chosen, smallest == pick ? "" : "; smallest would be "
                                + describe(all, m, smallest));
        }
    }

    private static String describe(List<CompressedMatrix> all, SparseMatrix m, int k) {
        return String.format(Locale.ROOT, "%s %d B, ~%.1f us per vector", all.get(k).format().name(), bytes(all, k),
                nanos(all, k, m) / 1e3);
    }

    private static long bytes(List<CompressedMatrix> all, int k) {
        return all.get(k).size().totalBytes();
    }

    private static double nanos(List<CompressedMatrix> all, int k, SparseMatrix m) {
        return ProductCost.nanosPerVector(all.get(k).format().name(), m);
    }
}
