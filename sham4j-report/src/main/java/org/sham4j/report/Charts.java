package org.sham4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots, drawn with XChart: one look for all (white background, light grid, large type, legend
 * outside the plot), a colour and marker per method or format that stays the same from plot to plot.
 */
final class Charts {
    static final int WIDTH = 1100;
    static final int HEIGHT = 680;

    /** Tableau 10: distinct, and readable by most colour-blind people. */
    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
        SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    /** Formats in registry order, and the palette entry of each (the Huffman formats get the strong colours). */
    private static final List<String> FORMATS = List.of("dense", "csc", "csr", "coo", "im", "cser", "ham", "sham",
            "gsham");
    private static final int[] FORMAT_COLOUR = {9, 1, 5, 3, 8, 6, 4, 2, 0};
    /** The palette entry of each method of {@link Experiment#METHOD_ORDER}. */
    private static final int[] METHOD_COLOUR = {0, 1, 3, 5, 8, 7, 9, 2, 4, 6};
    private static final Color REFERENCE = new Color(0x555555);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);
    private static final String FONT = Font.SANS_SERIF;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** The chart as PNG bytes. */
    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 20));
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 17));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 15));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 15));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartPadding(16);
        s.setMarkerSize(11);
        s.setAntiAlias(true);
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        return c;
    }

    private static Color methodColor(String method) {
        int i = order(method);
        return PALETTE[i >= 0 && i < METHOD_COLOUR.length ? METHOD_COLOUR[i] : Math.floorMod(i, PALETTE.length)];
    }

    private static Marker methodMarker(String method) {
        return MARKERS[Math.floorMod(order(method), MARKERS.length)];
    }

    private static int order(String method) {
        int i = Experiment.METHOD_ORDER.indexOf(method);
        return i >= 0 ? i : method.hashCode();
    }

    private static Color formatColor(String format) {
        int i = FORMATS.indexOf(format);
        return PALETTE[i < 0 ? Math.floorMod(format.hashCode(), PALETTE.length) : FORMAT_COLOUR[i]];
    }

    private static String scoreAxis(Experiment e) {
        return e.accuracy() ? "test accuracy (%)" : "test MSE (lower is better)";
    }

    private static double scoreValue(Experiment e, double v) {
        return e.accuracy() ? 100 * v : v;
    }

    /** A horizontal reference line across [x0, x1]. */
    private static void hline(XYChart c, String name, double y, double x0, double x1, BasicStroke stroke) {
        XYSeries s = c.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(REFERENCE);
        s.setLineStyle(stroke);
    }

    /**
     * Occupancy against score, one series per method (mean over seeds, bars of one standard deviation), the
     * Pareto front of the settings shown and the baseline; {@code settings} may be a subset of the experiment's
     * (a zoom), titled with {@code note}.
     */
    static XYChart occupancyVsScore(Experiment e, List<Setting> settings, String note) {
        double lo = settings.stream().mapToDouble(s -> s.occupancy().mean()).min().orElse(1);
        double hi = settings.stream().mapToDouble(s -> s.occupancy().mean()).max().orElse(1);
        boolean log = lo > 0 && hi / lo > 10;
        XYChart c = xy(e.label() + ": size against " + (e.accuracy() ? "accuracy" : "MSE") + note, "occupancy ψ = stored / float32 bytes"
                + (log ? " (log scale)" : ""), scoreAxis(e));
        c.getStyler().setXAxisLogarithmic(log);
        if (log) {
            lo = Math.pow(10, Math.floor(Math.log10(lo)));
            hi = Math.pow(10, Math.ceil(Math.log10(hi)));
            c.getStyler().setXAxisMin(lo).setXAxisMax(hi);
        }
        for (String m : e.methods()) {
            List<Setting> ss = settings.stream().filter(s -> s.row().method().equals(m)).toList();
            if (ss.isEmpty()) {
                continue;
            }
            double[] x = ss.stream().mapToDouble(v -> v.occupancy().mean()).toArray();
            double[] y = ss.stream().mapToDouble(v -> scoreValue(e, v.score().mean())).toArray();
            double[] sd = ss.stream().mapToDouble(v -> Double.isFinite(v.score().sd()) ? scoreValue(e, v.score().sd())
                    : 0).toArray();
            // bars only where some setting has repeats: XChart draws a zero-length bar as a tick across the marker
            XYSeries s = Arrays.stream(sd).anyMatch(d -> d > 0) ? c.addSeries(m, x, y, sd) : c.addSeries(m, x, y);
            s.setMarkerColor(methodColor(m));
            s.setMarker(methodMarker(m));
        }
        List<Setting> front = Pareto.front(settings);
        List<double[]> steps = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            double x = front.get(i).occupancy().mean();
            double y = scoreValue(e, front.get(i).score().mean());
            if (i > 0) {
                steps.add(new double[] {x, steps.get(steps.size() - 1)[1]});
            }
            steps.add(new double[] {x, y});
        }
        XYSeries f = c.addSeries("Pareto front", steps.stream().mapToDouble(p -> p[0]).toArray(),
                steps.stream().mapToDouble(p -> p[1]).toArray());
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.NONE);
        f.setLineColor(Color.BLACK);
        f.setLineStyle(new BasicStroke(2f));
        hline(c, "baseline (original model)", scoreValue(e, e.baseline().mean()), lo, hi, DASHED);
        return c;
    }

    /**
     * Score against k (evenly spaced categories), one line per method: at each k the best of {@code settings}
     * (their mean, with bars of one standard deviation), over the other axes; the best pruning without sharing
     * and the baseline as horizontal lines. {@code note} ends the title.
     */
    static CategoryChart scoreVsK(Experiment e, List<Setting> settings, String note) {
        List<Integer> ks = e.settings().stream().map(s -> s.row().k()).filter(java.util.Objects::nonNull).distinct()
                .sorted().toList();
        List<String> labels = ks.stream().map(String::valueOf).toList();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(e.label() + ": best "
                + (e.accuracy() ? "accuracy" : "MSE") + " at each k" + note)
                .xAxisTitle("k, shared values per codebook").yAxisTitle(scoreAxis(e)).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        for (String m : e.methods()) {
            List<Double> y = new ArrayList<>();
            List<Double> sd = new ArrayList<>();
            for (int k : ks) {
                Setting best = settings.stream()
                        .filter(s -> s.row().method().equals(m) && Integer.valueOf(k).equals(s.row().k()))
                        .max(Setting::compareScore).orElse(null);
                y.add(best == null ? null : scoreValue(e, best.score().mean()));
                sd.add(best == null || !Double.isFinite(best.score().sd()) ? 0.0 : scoreValue(e, best.score().sd()));
            }
            if (y.stream().allMatch(java.util.Objects::isNull)) {
                continue;
            }
            // XChart takes error bars only on a series without gaps, and draws a zero-length bar as a tick
            CategorySeries s = y.contains(null) || sd.stream().noneMatch(d -> d > 0) ? c.addSeries(m, labels, y)
                    : c.addSeries(m, labels, y, sd);
            s.setMarkerColor(methodColor(m));
            s.setLineColor(methodColor(m));
            s.setMarker(methodMarker(m));
            s.setLineWidth(2.5f);
        }
        settings.stream().filter(s -> s.row().k() == null).max(Setting::compareScore).ifPresent(best ->
                level(c, "no sharing (pruning only)", labels, scoreValue(e, best.score().mean()),
                        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f},
                                0f)));
        level(c, "baseline (original model)", labels, scoreValue(e, e.baseline().mean()), DASHED);
        return c;
    }

    /** A horizontal reference line across every category. */
    private static void level(CategoryChart c, String name, List<String> labels, double y, BasicStroke stroke) {
        CategorySeries s = c.addSeries(name, labels, labels.stream().map(l -> (Number) y).toList());
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(REFERENCE);
        s.setLineStyle(stroke);
    }


    /** One measure of every format against the pruning level: a panel of the papers' Figure 1. */
    static XYChart figure1(BenchSeries b, BenchSeries.Measure m) {
        XYChart c = xy(b.name() + " (" + b.shape() + "): " + m.title().toLowerCase(java.util.Locale.ROOT),
                "pruned entries (%)", m.axis() + " (log scale)");
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisDecimalPattern("#,##0.##");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (String f : b.formats()) {
            List<double[]> pts = new ArrayList<>();
            for (double l : b.levels()) {
                BenchPoint p = b.at(f, l);
                if (p != null && m.value().applyAsDouble(p) > 0) {
                    pts.add(new double[] {l, m.value().applyAsDouble(p)});
                    lo = Math.min(lo, m.value().applyAsDouble(p));
                    hi = Math.max(hi, m.value().applyAsDouble(p));
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            pts.sort(Comparator.comparingDouble(p -> p[0]));
            XYSeries s = c.addSeries(f, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(formatColor(f));
            s.setMarkerColor(formatColor(f));
            s.setMarker(MARKERS[Math.floorMod(FORMATS.indexOf(f), MARKERS.length)]);
            s.setLineWidth(2.5f);
        }
        // labels at 2, 3, ... between powers of ten crowd over more than about a decade and a half
        c.getStyler().setYAxisLogarithmicDecadeOnly(hi / lo > 30);
        return c;
    }

    /** How many times smaller {@code after} is: one decimal below 10. */
    private static String times(long before, long after) {
        double r = (double) before / Math.max(1, after);
        return String.format(r < 10 ? "%.1f×" : "%.0f×", r);
    }

    /** Each layer's size as float32 and as stored, on a log scale. */
    static CategoryChart layerSizes(LayerSizes l) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(l.name() + ": size of each layer before and after").xAxisTitle("layer (stored format, × smaller)")
                .yAxisTitle("size (KB, log scale)").build();
        style(c.getStyler());
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmicDecadeOnly(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setLegendBorderColor(new Color(0xBBBBBB));
        c.getStyler().setAvailableSpaceFill(0.7);
        c.getStyler().setSeriesColors(new Color[] {new Color(0xBAB0AC), new Color(0x4E79A7)});
        c.getStyler().setYAxisDecimalPattern("#,##0.##");
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(new Font(FONT, Font.PLAIN, 13));
        c.getStyler().setLabelsPosition(0.92);
        List<String> names = new ArrayList<>();
        List<Number> before = new ArrayList<>();
        List<Number> after = new ArrayList<>();
        long dense = 0;
        long stored = 0;
        for (LayerSizes.Layer x : l.layers()) {
            names.add(x.node() + " (" + x.format() + ", " + times(x.denseBytes(), x.bytes()) + ")");
            before.add(x.denseBytes() / 1024.0);
            after.add(Math.max(1, x.bytes()) / 1024.0);
            dense += x.denseBytes();
            stored += x.bytes();
        }
        if (l.layers().size() > 1) {
            names.add("all (" + times(dense, stored) + ")");
            before.add(dense / 1024.0);
            after.add(Math.max(1, stored) / 1024.0);
        }
        double smallest = after.stream().mapToDouble(Number::doubleValue).min().orElse(1);
        double largest = before.stream().mapToDouble(Number::doubleValue).max().orElse(1);
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest))));
        c.getStyler().setXAxisLabelRotation(names.size() > 6 ? 30 : 0);
        c.addSeries("float32", names, before);
        c.addSeries("stored", names, after);
        return c;
    }
}
