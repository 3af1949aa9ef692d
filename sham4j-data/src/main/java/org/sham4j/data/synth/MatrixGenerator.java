package org.sham4j.data.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.sham4j.core.io.ColumnSink;

/**
 * Draws the matrix of a {@link MatrixRecipe} from a seed, column by column into a {@link ColumnSink}, holding one
 * column at a time (and one category per row for each one-hot group). The same recipe and seed give the same
 * matrix, bit for bit, whatever the sink.
 *
 * <p>How: each one-hot group draws every row's category first. The non-zeros left go to the other columns in
 * proportion to their shares, none above the row count, rounded so that they add up exactly. Every value of the
 * alphabet is then given to one column, the one most likely to draw it that has room, as a forced entry, so that
 * every value appears; a column's forced entries are spread evenly over its non-zeros. Column j then picks its
 * rows by selection sampling (exactly its count, uniformly among the row sets of that size) and draws each
 * value from its law, from a random stream of its own: columns are independent of each other.
 */
public final class MatrixGenerator {
    private static final long GROUP_STREAM = 0x6a09e667f3bcc908L;
    private static final long COLUMN_STREAM = 0xbb67ae8584caa73bL;
    private static final long FORCED_STREAM = 0x3c6ef372fe94f82bL;

    private MatrixGenerator() {
    }

    /** What {@link #generate} wrote: non-zeros and distinct values, checked against the recipe. */
    public record Written(long nnz, int distinct) {
    }

    /** Writes the matrix of {@code recipe} drawn with {@code seed} to {@code sink} (and finishes it). */
    public static Written generate(MatrixRecipe recipe, long seed, ColumnSink sink) throws IOException {
        return generate(recipe, seed, sink, j -> { });
    }

    /** As {@link #generate(MatrixRecipe, long, ColumnSink)}, telling {@code progress} each column written. */
    public static Written generate(MatrixRecipe recipe, long seed, ColumnSink sink, IntConsumer progress)
            throws IOException {
        int n = recipe.rows();
        int[][] categories = new int[recipe.groups().size()][];
        int[] groupOf = new int[recipe.cols()];
        Arrays.fill(groupOf, -1);
        long[] count = new long[recipe.cols()];
        for (int g = 0; g < categories.length; g++) {
            OneHotGroup group = recipe.groups().get(g);
            AliasTable draw = group.sampler();
            SplittableRandom rnd = stream(seed, GROUP_STREAM, g);
            categories[g] = new int[n];
            for (int i = 0; i < n; i++) {
                int k = draw.draw(rnd);
                categories[g][i] = k;
                count[group.first() + k]++;
            }
            for (int k = 0; k < group.width(); k++) {
                groupOf[group.first() + k] = g;
            }
        }
        allocate(recipe, count);
        int[][] forced = forced(recipe, count, seed);

        int[] rows = new int[n];
        float[] values = new float[n];
        float[] alphabet = recipe.alphabet();
        boolean[] seen = new boolean[alphabet.length];
        long total = 0;
        for (int j = 0; j < recipe.cols(); j++) {
            int c = (int) count[j];
            if (groupOf[j] >= 0) {
                OneHotGroup group = recipe.groups().get(groupOf[j]);
                int[] cat = categories[groupOf[j]];
                int k = j - group.first();
                int p = 0;
                for (int i = 0; i < n; i++) {
                    if (cat[i] == k) {
                        rows[p++] = i;
                    }
                }
                Arrays.fill(values, 0, c, alphabet[group.valueIndex()]);
                seen[group.valueIndex()] |= c > 0;
            } else {
                SplittableRandom rnd = stream(seed, COLUMN_STREAM, j);
                select(rnd, n, c, rows);
                AliasTable draw = recipe.laws()[j].sampler();
                int[] f = forced[j];
                int stride = f.length == 0 ? Integer.MAX_VALUE : c / f.length;
                for (int r = 0; r < c; r++) {
                    int index = r % stride == 0 && r / stride < f.length ? f[r / stride] : draw.draw(rnd);
                    values[r] = alphabet[index];
                    seen[index] = true;
                }
            }
            sink.column(j, rows, values, c);
            total += c;
            progress.accept(j);
        }
        sink.finish();
        int distinct = 0;
        for (boolean s : seen) {
            distinct += s ? 1 : 0;
        }
        if (total != recipe.nnz() || distinct != alphabet.length) {
            throw new IllegalStateException("generated " + total + " non-zeros and " + distinct + " distinct values, "
                    + "the recipe asks for " + recipe.nnz() + " and " + alphabet.length);
        }
        return new Written(total, distinct);
    }

    /** Picks {@code c} of the rows 0..n-1 uniformly (Knuth's selection sampling), ascending, into {@code rows}. */
    private static void select(SplittableRandom rnd, int n, int c, int[] rows) {
        int needed = c;
        int p = 0;
        for (int i = 0; i < n && needed > 0; i++) {
            if ((n - i) * rnd.nextDouble() < needed) {
                rows[p++] = i;
                needed--;
            }
        }
    }

    /**
     * Fills the counts of the columns with a law: the non-zeros the groups leave, in proportion to the shares,
     * none above the row count (the excess going to the others), rounded by largest remainder to add up exactly.
     */
    static void allocate(MatrixRecipe recipe, long[] count) {
        ColumnLaw[] laws = recipe.laws();
        long left = recipe.nnz();
        List<Integer> open = new ArrayList<>();
        for (int j = 0; j < laws.length; j++) {
            if (laws[j] == null) {
                left -= count[j];
            } else {
                open.add(j);
            }
        }
        if (left < 0 || left > (long) open.size() * recipe.rows()) {
            throw new IllegalArgumentException("the one-hot groups leave " + left + " non-zeros for " + open.size()
                    + " columns of " + recipe.rows() + " rows");
        }
        boolean capped = true;
        while (capped && !open.isEmpty()) {
            capped = false;
            double shares = 0;
            for (int j : open) {
                shares += laws[j].share();
            }
            for (int k = 0; k < open.size(); k++) {
                int j = open.get(k);
                if (left * laws[j].share() / shares >= recipe.rows()) {
                    count[j] = recipe.rows();
                    left -= recipe.rows();
                    open.remove(k);
                    capped = true;
                    break;
                }
            }
        }
        if (open.isEmpty()) {
            return;
        }
        double shares = 0;
        for (int j : open) {
            shares += laws[j].share();
        }
        double[] remainder = new double[laws.length];
        long given = 0;
        for (int j : open) {
            double ideal = left * laws[j].share() / shares;
            count[j] = (long) Math.floor(ideal);
            remainder[j] = ideal - count[j];
            given += count[j];
        }
        List<Integer> order = new ArrayList<>(open);
        order.sort((a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int k = 0; given < left; k = (k + 1) % order.size()) {
            int j = order.get(k);
            if (count[j] < recipe.rows()) {
                count[j]++;
                given++;
            }
        }
    }

    /**
     * The forced entries of each column: every alphabet value that no one-hot group already holds goes to the
     * column with room that is most likely to draw it (or, if none can, to the one with the most room).
     */
    static int[][] forced(MatrixRecipe recipe, long[] count, long seed) {
        ColumnLaw[] laws = recipe.laws();
        int d = recipe.alphabet().length;
        boolean[] held = new boolean[d];
        for (OneHotGroup g : recipe.groups()) {
            for (int k = 0; k < g.width(); k++) {
                held[g.valueIndex()] |= count[g.first() + k] > 0;
            }
        }
        int[] best = new int[d];
        double[] bestP = new double[d];
        Arrays.fill(best, -1);
        for (int j = 0; j < laws.length; j++) {
            if (laws[j] == null || count[j] == 0) {
                continue;
            }
            double sum = Arrays.stream(laws[j].weights()).sum();
            int[] support = laws[j].support();
            for (int k = 0; k < support.length; k++) {
                double p = laws[j].weights()[k] / sum;
                if (p > bestP[support[k]]) {
                    bestP[support[k]] = p;
                    best[support[k]] = j;
                }
            }
        }
        long[] room = new long[laws.length];
        for (int j = 0; j < laws.length; j++) {
            room[j] = laws[j] == null ? 0 : count[j];
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int j = 0; j < laws.length; j++) {
            lists.add(new ArrayList<>());
        }
        for (int v = 0; v < d; v++) {
            if (held[v]) {
                continue;
            }
            int j = best[v] >= 0 && room[best[v]] > 0 ? best[v] : fallback(laws, room, v);
            if (j < 0) {
                throw new IllegalArgumentException("no room left for all " + d + " distinct values");
            }
            lists.get(j).add(v);
            room[j]--;
        }
        int[][] out = new int[laws.length][];
        for (int j = 0; j < laws.length; j++) {
            out[j] = lists.get(j).stream().mapToInt(Integer::intValue).toArray();
            shuffle(out[j], stream(seed, FORCED_STREAM, j));
        }
        return out;
    }

    private static int fallback(ColumnLaw[] laws, long[] room, int v) {
        int pick = -1;
        double pickP = -1;
        long pickRoom = 0;
        for (int j = 0; j < laws.length; j++) {
            if (room[j] > 0) {
                double p = laws[j].probability(v);
                if (p > pickP || p == pickP && room[j] > pickRoom) {
                    pick = j;
                    pickP = p;
                    pickRoom = room[j];
                }
            }
        }
        return pick;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int k = a.length - 1; k > 0; k--) {
            int r = rnd.nextInt(k + 1);
            int t = a[k];
            a[k] = a[r];
            a[r] = t;
        }
    }

    /** An independent random stream for part {@code index} of kind {@code kind} under {@code seed}. */
    static SplittableRandom stream(long seed, long kind, long index) {
        return new SplittableRandom(mix(mix(seed ^ kind) + index));
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
