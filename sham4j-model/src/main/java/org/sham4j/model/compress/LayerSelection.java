package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;

/**
 * Which weighted layers a compression works on, from a comma-separated list whose items are {@code dense},
 * {@code conv} (convolutions and transposed ones), {@code recurrent} (LSTM and GRU recurrences; their input
 * projections are dense), {@code all}, node names, or regular expressions that node names match whole. The
 * selection is the union, in node order.
 */
public final class LayerSelection {
    /** Every Dense layer. */
    public static final LayerSelection DENSE = new LayerSelection("dense");
    /** Every convolution. */
    public static final LayerSelection CONV = new LayerSelection("conv");
    /** Every recurrence. */
    public static final LayerSelection RECURRENT = new LayerSelection("recurrent");
    /** Every layer with a weight matrix. */
    public static final LayerSelection ALL = new LayerSelection("all");

    private final String spec;

    private LayerSelection(String spec) {
        this.spec = spec;
    }

    /** The selection a {@code --layers} value describes. */
    public static LayerSelection byName(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty layer selection: expected dense, conv, recurrent, all, node "
                    + "names or a regular expression");
        }
        return new LayerSelection(spec.trim());
    }

    /** The names of the selected weighted nodes of {@code graph}, in node order; refuses an empty selection. */
    public List<String> select(Graph graph) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String item : spec.split(",")) {
            String term = item.trim();
            List<String> matched = match(graph, term);
            if (matched.isEmpty()) {
                throw new IllegalArgumentException(none(graph, term));
            }
            chosen.addAll(matched);
        }
        List<String> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (chosen.contains(n.name())) {
                out.add(n.name());
            }
        }
        return out;
    }

    private static List<String> match(Graph graph, String term) {
        WeightedLayer.Family family = switch (term.toLowerCase(Locale.ROOT)) {
            case "dense" -> WeightedLayer.Family.DENSE;
            case "conv" -> WeightedLayer.Family.CONV;
            case "recurrent" -> WeightedLayer.Family.RECURRENT;
            default -> null;
        };
        boolean all = term.equalsIgnoreCase("all");
        List<String> out = new ArrayList<>();
        if (family != null || all) {
            for (Node n : graph.nodes()) {
                if (n.layer() instanceof WeightedLayer w && (all || w.family() == family)) {
                    out.add(n.name());
                }
            }
            return out;
        }
        for (Node n : graph.nodes()) {
            if (n.name().equals(term)) {
                if (!(n.layer() instanceof WeightedLayer)) {
                    throw new IllegalArgumentException("node " + n.name() + " (" + n.layer().kind()
                            + ") has no weight matrix to compress");
                }
                return List.of(n.name());
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(term);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + term + "' is no layer name, kind or regular expression: "
                    + e.getDescription());
        }
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer && pattern.matcher(n.name()).matches()) {
                out.add(n.name());
            }
        }
        return out;
    }

    private static String none(Graph graph, String term) {
        List<String> weighted = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer) {
                weighted.add(n.name() + " (" + n.layer().kind() + ")");
            }
        }
        String what = switch (term.toLowerCase(Locale.ROOT)) {
            case "dense", "conv", "recurrent", "all" -> "the model has no " + term.toLowerCase(Locale.ROOT)
                    + " layer to compress";
            default -> "'" + term + "' matches no layer with weights";
        };
        return what + (weighted.isEmpty() ? "" : "; its layers with weights are " + String.join(", ", weighted));
    }

    @Override
    public String toString() {
        return spec;
    }
}
