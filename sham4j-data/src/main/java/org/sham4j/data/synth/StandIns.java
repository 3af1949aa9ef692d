package org.sham4j.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Recipes of stand-ins for the three large benchmark matrices of the sHAM papers, which cannot be downloaded here,
 * with their exact shape, number of non-zeros (the papers' non-zero fraction times the entries, rounded) and number
 * of distinct non-zero values, and value laws modelled on the public data sets they come from; and a generic
 * tabular recipe for a shape, density and number of distinct values of one's own. A recipe's structure (column
 * laws, shares) is fixed; the seed given to {@link MatrixGenerator} draws the entries.
 */
public final class StandIns {
    /** Names of the built-in recipes. */
    public static final List<String> NAMES = List.of("covtype", "census", "imagenet");

    private StandIns() {
    }

    /**
     * A built-in recipe by name, or a recipe of one's own: {@code rows=R,cols=C,density=D,distinct=K} (or
     * {@code nnz=N} for the density); an IllegalArgumentException says what is wrong with anything else.
     */
    public static MatrixRecipe byName(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "covtype" -> covtype();
            case "census" -> census();
            case "imagenet" -> imagenet();
            default -> parse(s);
        };
    }

    /**
     * Covtype: 581,012 x 54, non-zero fraction 0.2200 (6,902,423 non-zeros), 6,682 distinct values. Modelled on
     * the UCI Forest CoverType data: ten integer terrain measures (elevation, aspect, slope, distances to water,
     * roads and fire points, three hillshade indices), each with its own law (truncated normal, gamma or mixture
     * on its real range; vertical distance to water is the only one below zero), then four wilderness-area and
     * forty soil-type indicators, one of each set per row, with skewed category frequencies. The terrain measures
     * are zero in about 1.2 % of their entries (aspect, slope, distances to water, afternoon hillshade), which with
     * the two indicators per row gives the papers' 0.2200. The alphabet is every non-zero integer from -173 to 6,509
     * (6,682 values); distances above 6,509 are cut off there.
     */
    public static MatrixRecipe covtype() {
        int rows = 581_012;
        int cols = 54;
        float[] alphabet = integers(-173, 6_509);
        IntToDoubleFunction none = v -> 0;
        ColumnLaw[] laws = new ColumnLaw[cols];
        laws[0] = integerLaw(alphabet, 1859, 3858, v -> normal(v, 2959, 280), 1);
        laws[1] = integerLaw(alphabet, 1, 360, v -> 0.5 / 360 + 0.3 * normal(v, 60, 40) + 0.2 * normal(v, 330, 30),
                1 - 0.0085);
        laws[2] = integerLaw(alphabet, 1, 66, v -> gamma(v, 3.5, 4), 1 - 0.0012);
        laws[3] = integerLaw(alphabet, 1, 1397, v -> gamma(v, 1.3, 207), 1 - 0.042);
        laws[4] = integerLaw(alphabet, -173, 601, v -> 0.8 * normal(v, 30, 40) + 0.2 * normal(v, 120, 90),
                1 - 0.066);
        laws[5] = integerLaw(alphabet, 1, 6509, v -> gamma(v, 2.2, 1068), 1);
        laws[6] = integerLaw(alphabet, 1, 254, v -> normal(v, 212, 27), 1);
        laws[7] = integerLaw(alphabet, 1, 254, v -> normal(v, 223, 20), 1);
        laws[8] = integerLaw(alphabet, 1, 254, v -> normal(v, 143, 38), 1 - 0.0023);
        laws[9] = integerLaw(alphabet, 1, 6509, v -> gamma(v, 2.2, 900), 1);
        int one = index(alphabet, 1);
        double[] wilderness = {0.449, 0.051, 0.436, 0.064};
        double[] soil = {0.52, 1.30, 0.83, 2.14, 0.27, 1.13, 0.02, 0.03, 0.20, 5.62, 2.13, 5.16, 3.00, 0.10, 0.001,
            0.49, 0.59, 0.33, 0.69, 1.59, 0.15, 5.74, 9.94, 3.66, 0.08, 0.45, 0.19, 0.17, 19.81, 5.19, 4.41, 9.04,
            7.72, 0.28, 0.32, 0.02, 0.05, 2.67, 2.38, 1.50};
        List<OneHotGroup> groups = List.of(new OneHotGroup(10, wilderness, one), new OneHotGroup(14, soil, one));
        return new MatrixRecipe("covtype", rows, cols, nonZeros(rows, cols, 0.2200), alphabet, laws, groups,
                "stand-in for Covtype (UCI Forest CoverType): 10 integer terrain measures, each with its own law, "
                        + "then 4 wilderness and 40 soil indicators, one of each per row");
    }

    /**
     * Census: 2,458,285 x 68, non-zero fraction 0.5697 (95,232,978 non-zeros), 45 distinct values. Modelled on the
     * UCI US Census 1990 data: 68 categorical attributes coded as small integers, 0 a common category. Each column
     * has its own number of categories (2 to 17 for most, up to 46 for a few place and ancestry codes), its own
     * share of non-zeros (from nearly none to every row) and Zipf-like frequencies (exponent 0.6 to 1.8) over its
     * codes in a random order. The alphabet is 1..45.
     */
    public static MatrixRecipe census() {
        int rows = 2_458_285;
        int cols = 68;
        float[] alphabet = integers(1, 45);
        SplittableRandom structure = new SplittableRandom(1990);
        ColumnLaw[] laws = new ColumnLaw[cols];
        for (int j = 0; j < cols; j++) {
            double u = structure.nextDouble();
            int categories = j % 23 == 5 ? (j == 5 ? 46 : 34 + structure.nextInt(12))
                    : u < 0.45 ? 2 + structure.nextInt(4) : u < 0.85 ? 6 + structure.nextInt(8) : 14 + structure.nextInt(4);
            double share = 0.05 + 0.95 * Math.pow(structure.nextDouble(), 0.6);
            laws[j] = zipfOver(structure, 0, categories - 2, 0.6 + 1.2 * structure.nextDouble(), share);
        }
        return new MatrixRecipe("census", rows, cols, nonZeros(rows, cols, 0.5697), alphabet, laws, List.of(),
                "stand-in for Census (UCI US Census 1990): 68 categorical attributes as integer codes, each with "
                        + "its own number of categories, share of non-zeros and Zipf-like frequencies");
    }

    /**
     * ImageNet: 1,262,102 x 900, non-zero fraction 0.3099 (352,012,869 non-zeros), 824 distinct values. Modelled on
     * image features as the CLA benchmark holds them: 900 non-negative features quantised to the levels 1..824.
     * How often a feature is non-zero varies widely between columns (log-normal shares, from under 5 % of the rows
     * to all of them), and each column's levels follow a power law (p(v) proportional to (v + b)^-a, a from 1.6 to
     * 3.0, b from 0 to 20), so that small levels are common and the largest are rare.
     */
    public static MatrixRecipe imagenet() {
        int rows = 1_262_102;
        int cols = 900;
        float[] alphabet = integers(1, 824);
        SplittableRandom structure = new SplittableRandom(2009);
        ColumnLaw[] laws = new ColumnLaw[cols];
        for (int j = 0; j < cols; j++) {
            double a = 1.6 + 1.4 * structure.nextDouble();
            double b = 20 * structure.nextDouble();
            double share = Math.exp(0.9 * gaussian(structure));
            laws[j] = ColumnLaw.over(0, alphabet.length - 1, k -> Math.pow(k + 1 + b, -a), share);
        }
        return new MatrixRecipe("imagenet", rows, cols, nonZeros(rows, cols, 0.3099), alphabet, laws, List.of(),
                "stand-in for ImageNet (CLA benchmark features): 900 non-negative features quantised to 824 "
                        + "levels, log-normal column densities, power-law levels");
    }

    /**
     * A tabular matrix of one's own shape, density and number of distinct values (the integers 1..K): a third of
     * the columns categorical (Zipf-like frequencies over a random subset of the values), a third numeric (a
     * discretised normal around a random level), a third counts (a power law from the smallest values); the
     * columns' shares of non-zeros are log-normal.
     */
    public static MatrixRecipe custom(int rows, int cols, long nnz, int distinct) {
        if (rows < 1 || cols < 1 || distinct < 1) {
            throw new IllegalArgumentException("rows, cols and distinct must be at least 1");
        }
        float[] alphabet = integers(1, distinct);
        SplittableRandom structure = new SplittableRandom(((long) rows * 31 + cols) * 31 + distinct);
        ColumnLaw[] laws = new ColumnLaw[cols];
        int last = distinct - 1;
        int width = Math.min(distinct, 1 << 16);
        for (int j = 0; j < cols; j++) {
            double share = Math.exp(0.8 * gaussian(structure));
            switch (j % 3) {
                case 0 -> {
                    int from = structure.nextInt(distinct - Math.min(width, distinct) + 1);
                    int size = 1 + structure.nextInt(Math.min(width, distinct - from));
                    laws[j] = zipfOver(structure, from, from + size - 1, 0.6 + 1.4 * structure.nextDouble(), share);
                }
                case 1 -> {
                    double centre = structure.nextDouble() * last;
                    double sd = Math.max(1, last * (0.02 + 0.23 * structure.nextDouble()));
                    int from = (int) Math.max(0, Math.floor(centre - 4 * sd));
                    int to = (int) Math.min(last, Math.ceil(centre + 4 * sd));
                    to = Math.min(to, from + width - 1);
                    laws[j] = ColumnLaw.over(from, to, k -> normal(k, centre, sd) + 1e-12, share);
                }
                default -> {
                    double a = 1.5 + 1.5 * structure.nextDouble();
                    laws[j] = ColumnLaw.over(0, Math.min(last, width - 1), k -> Math.pow(k + 1, -a), share);
                }
            }
        }
        return new MatrixRecipe(rows + "x" + cols, rows, cols, nnz, alphabet, laws, List.of(),
                "tabular matrix: categorical, numeric and count columns, log-normal column densities");
    }

    /** Parses {@code rows=R,cols=C,density=D,distinct=K} (or {@code nnz=N}). */
    static MatrixRecipe parse(String spec) {
        Long rows = null;
        Long cols = null;
        Long nnz = null;
        Double density = null;
        Long distinct = null;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("'" + spec + "' is not covtype, census, imagenet or "
                        + "rows=R,cols=C,density=D,distinct=K");
            }
            String key = kv[0].trim();
            String value = kv[1].trim().replace("_", "");
            try {
                switch (key) {
                    case "rows" -> rows = Long.parseLong(value);
                    case "cols" -> cols = Long.parseLong(value);
                    case "nnz" -> nnz = Long.parseLong(value);
                    case "density" -> density = Double.parseDouble(value);
                    case "distinct" -> distinct = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown key '" + key
                            + "' (expected rows, cols, density or nnz, distinct)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + kv[1].trim() + " is not a number");
            }
        }
        if (rows == null || cols == null || distinct == null || (nnz == null) == (density == null)) {
            throw new IllegalArgumentException("'" + spec + "' needs rows, cols, distinct and one of density or nnz");
        }
        if (rows < 1 || cols < 1 || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || distinct < 1
                || distinct > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rows, cols and distinct must be between 1 and 2^31");
        }
        if (density != null && !(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("density " + density + " is not in (0, 1]");
        }
        long count = nnz != null ? nnz : nonZeros(rows, cols, density);
        return custom((int) (long) rows, (int) (long) cols, count, (int) (long) distinct);
    }

    /** The papers' non-zero fraction times the entries, rounded to the nearest integer. */
    static long nonZeros(long rows, long cols, double density) {
        return Math.round(density * rows * cols);
    }

    private static float[] integers(int from, int to) {
        float[] a = new float[to - from + 1 - (from <= 0 && to >= 0 ? 1 : 0)];
        int k = 0;
        for (int v = from; v <= to; v++) {
            if (v != 0) {
                a[k++] = v;
            }
        }
        return a;
    }

    private static int index(float[] alphabet, float v) {
        int k = java.util.Arrays.binarySearch(alphabet, v);
        if (k < 0) {
            throw new IllegalArgumentException(v + " is not in the alphabet");
        }
        return k;
    }

    /** The law over the non-zero integers lo..hi (all in the alphabet) with weights {@code density(v)}. */
    private static ColumnLaw integerLaw(float[] alphabet, int lo, int hi, IntToDoubleFunction density, double share) {
        List<Integer> support = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int v = lo; v <= hi; v++) {
            if (v != 0) {
                support.add(index(alphabet, v));
                weights.add(density.applyAsDouble(v) + 1e-12);
            }
        }
        return new ColumnLaw(support.stream().mapToInt(Integer::intValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray(), share);
    }

    /** Zipf-like frequencies (rank^-s) over alphabet indices from..to taken in a random order. */
    private static ColumnLaw zipfOver(SplittableRandom rnd, int from, int to, double s, double share) {
        int n = to - from + 1;
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int r = rnd.nextInt(k + 1);
            int t = rank[k];
            rank[k] = rank[r];
            rank[r] = t;
        }
        return ColumnLaw.over(from, to, k -> Math.pow(rank[k - from] + 1, -s), share);
    }

    private static double normal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-0.5 * z * z) / sd;
    }

    private static double gamma(double x, double shape, double scale) {
        return x <= 0 ? 0 : Math.exp((shape - 1) * Math.log(x / scale) - x / scale) / scale;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
