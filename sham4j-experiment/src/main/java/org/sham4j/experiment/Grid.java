package org.sham4j.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands a spec's axes into configurations: every combination of the axes' values, except that axes tied together
 * (zip) take their i-th values together. Axes vary in row order, the first slowest. Points that normalise to the
 * same {@link Configuration} (e.g. method {@code none} at every k) appear once, where they first occur.
 */
final class Grid {
    private Grid() {
    }

    static List<Configuration> expand(SweepSpec spec) {
        // dimensions: a tie group, or a single axis; each point of a dimension sets its axes' values
        List<List<String>> dims = new ArrayList<>();
        Set<String> tied = new LinkedHashSet<>();
        for (String axis : Axes.NAMES) {
            if (tied.contains(axis)) {
                continue;
            }
            List<String> group = List.of(axis);
            for (List<String> g : spec.zip()) {
                if (g.contains(axis)) {
                    group = g;
                }
            }
            tied.addAll(group);
            dims.add(group);
        }
        int[] sizes = new int[dims.size()];
        for (int d = 0; d < sizes.length; d++) {
            sizes[d] = spec.axes().get(dims.get(d).get(0)).size();
        }
        Set<Configuration> out = new LinkedHashSet<>();
        int[] at = new int[sizes.length];
        while (true) {
            Map<String, Object> point = new HashMap<>();
            for (int d = 0; d < sizes.length; d++) {
                for (String axis : dims.get(d)) {
                    point.put(axis, spec.axes().get(axis).get(at[d]));
                }
            }
            out.add(Axes.configuration(point));
            int d = sizes.length - 1;
            while (d >= 0 && ++at[d] == sizes[d]) {
                at[d--] = 0;
            }
            if (d < 0) {
                return new ArrayList<>(out);
            }
        }
    }
}
