package org.sham4j.model.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;

/** Which weighted layers a compression works on: the dense ones, the convolutions, or both. */
public enum LayerSelection {
    DENSE, CONV, ALL;

    /** {@code dense}, {@code conv} or {@code all} (case-insensitive). */
    public static LayerSelection byName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown layer selection '" + name + "', expected dense, conv or all");
        }
    }

    /** The names of the selected nodes of {@code graph}, in node order; refuses a graph with none. */
    public List<String> select(Graph graph) {
        List<String> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            boolean dense = n.layer() instanceof Dense;
            boolean conv = n.layer() instanceof Conv;
            if (this == DENSE && dense || this == CONV && conv || this == ALL && (dense || conv)) {
                out.add(n.name());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the model has no " + name().toLowerCase(Locale.ROOT)
                    + " layer to compress");
        }
        return out;
    }
}
