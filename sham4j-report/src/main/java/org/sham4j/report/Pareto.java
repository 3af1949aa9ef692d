package org.sham4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The settings no other setting beats in both size and score: the best score reachable at each size. */
final class Pareto {
    private Pareto() {
    }

    /** The non-dominated settings, by increasing occupancy (and so increasing score). */
    static List<Setting> front(List<Setting> settings) {
        List<Setting> sorted = new ArrayList<>(settings);
        sorted.sort(Comparator.comparingDouble((Setting s) -> s.occupancy().mean())
                .thenComparing((a, b) -> b.compareScore(a)));
        List<Setting> front = new ArrayList<>();
        for (Setting s : sorted) {
            if (front.isEmpty() || s.compareScore(front.get(front.size() - 1)) > 0) {
                front.add(s);
            }
        }
        return front;
    }
}
