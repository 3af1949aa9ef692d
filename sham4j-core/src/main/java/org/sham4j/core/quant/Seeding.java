package org.sham4j.core.quant;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Initial centres for k-means on a histogram of d &gt; k distinct values; each strictly increasing. */
final class Seeding {
    private Seeding() {
    }

    /** Evenly spaced between the smallest and the largest value (the midpoint if k = 1). */
    static double[] linear(Histogram h, int k) {
        double min = h.value(0);
        double max = h.value(h.size() - 1);
        if (k == 1) {
            return new double[] {0.5 * (min + max)};
        }
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = min + (max - min) * i / (k - 1);
        }
        c[k - 1] = max;
        return c;
    }

    /** The quantiles (i + 1/2)/k of the weights, duplicates removed. */
    static double[] density(Histogram h, int k) {
        double[] c = new double[k];
        int r = 0;
        for (int i = 0; i < k; i++) {
            double v = h.value(h.indexOfRank((long) ((i + 0.5) * h.total() / k)));
            if (r == 0 || v > c[r - 1]) {
                c[r++] = v;
            }
        }
        return Arrays.copyOf(c, r);
    }

    /**
     * k distinct values drawn without replacement with probability proportional to their counts (the Forgy
     * choice of k weights at random), by the keys log(u)/count of Efraimidis and Spirakis.
     */
    static double[] random(Histogram h, int k, SplittableRandom rng) {
        double[] key = new double[k];
        int[] idx = new int[k];
        for (int i = 0; i < h.size(); i++) {
            double e = Math.log(rng.nextDouble()) / h.count(i, i + 1);
            if (i < k) {
                key[i] = e;
                idx[i] = i;
                siftUp(key, idx, i);
            } else if (e > key[0]) {
                key[0] = e;
                idx[0] = i;
                siftDown(key, idx, k);
            }
        }
        Arrays.sort(idx);
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = h.value(idx[i]);
        }
        return c;
    }

    private static void siftUp(double[] key, int[] idx, int i) {
        while (i > 0 && key[(i - 1) / 2] > key[i]) {
            swap(key, idx, i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    private static void siftDown(double[] key, int[] idx, int n) {
        int i = 0;
        while (2 * i + 1 < n) {
            int s = 2 * i + 1;
            if (s + 1 < n && key[s + 1] < key[s]) {
                s++;
            }
            if (key[i] <= key[s]) {
                return;
            }
            swap(key, idx, i, s);
            i = s;
        }
    }

    private static void swap(double[] key, int[] idx, int a, int b) {
        double tk = key[a];
        key[a] = key[b];
        key[b] = tk;
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
    }

    /**
     * k-means++ (Arthur &amp; Vassilvitskii): the first centre a weight at random, each next one a weight drawn
     * with probability proportional to its squared distance to the nearest centre. In one dimension the
     * weights nearest a centre are a run of the histogram, whose total squared distance the prefix sums give;
     * those totals sit in a Fenwick tree, so a draw costs O(log d).
     */
    static double[] kMeansPlusPlus(Histogram h, int k, SplittableRandom rng) {
        int d = h.size();
        double[] cost = new double[d];
        double[] tree = new double[d + 1];
        TreeSet<Integer> centres = new TreeSet<>();
        addCentre(h, centres, cost, tree, h.indexOfRank(rng.nextLong(h.total())));
        while (centres.size() < k) {
            double u = rng.nextDouble() * prefix(tree, d);
            int pos = 0;
            for (int step = Integer.highestOneBit(d); step > 0; step >>= 1) {
                if (pos + step <= d && tree[pos + step] <= u) {
                    pos += step;
                    u -= tree[pos];
                }
            }
            if (pos >= d || cost[pos] <= 0) {
                pos = argMax(cost);
                u = rng.nextDouble() * cost[pos];
            }
            int centre = pos;
            int[] cell = cell(h, centres, centre);
            if (cost[centre] <= 0 || cell[1] - cell[0] < 2) {
                break;
            }
            double x = h.value(centre);
            int lo = cell[0];
            int hi = cell[1] - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (h.sse(cell[0], mid + 1, x) > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            if (lo == centre) {
                lo = lo + 1 < cell[1] ? lo + 1 : lo - 1;
            }
            addCentre(h, centres, cost, tree, lo);
        }
        double[] c = new double[centres.size()];
        int i = 0;
        for (int t : centres) {
            c[i++] = h.value(t);
        }
        return c;
    }

    /** Index of a largest entry, used only when rounding sent a draw past the end of the tree. */
    private static int argMax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void addCentre(Histogram h, TreeSet<Integer> centres, double[] cost, double[] tree, int t) {
        centres.add(t);
        Integer lower = centres.lower(t);
        Integer higher = centres.higher(t);
        for (Integer c : new Integer[] {lower, t, higher}) {
            if (c != null) {
                int[] cell = cell(h, centres, c);
                double v = h.sse(cell[0], cell[1], h.value(c));
                add(tree, c, v - cost[c]);
                cost[c] = v;
            }
        }
    }

    /** The run of values [from, to) nearer to the centre at index c than to any other centre. */
    private static int[] cell(Histogram h, TreeSet<Integer> centres, int c) {
        Integer lower = centres.lower(c);
        Integer higher = centres.higher(c);
        double x = h.value(c);
        int from = lower == null ? 0 : h.upperBound(0.5 * (h.value(lower) + x));
        int to = higher == null ? h.size() : h.upperBound(0.5 * (x + h.value(higher)));
        return new int[] {from, to};
    }

    private static void add(double[] tree, int i, double delta) {
        for (int p = i + 1; p < tree.length; p += p & -p) {
            tree[p] += delta;
        }
    }

    private static double prefix(double[] tree, int n) {
        double s = 0;
        for (int p = n; p > 0; p -= p & -p) {
            s += tree[p];
        }
        return s;
    }
}
